/**
 * What both browsers' leak-guard specs assert once they have planted their canaries: the guard that
 * ends every other test (`expectNoLeaks`, server-fixtures.ts) sees each planted name or phrase and
 * the test key in the console output, and both outside requests (from the background and from a
 * page) in the sink.
 */
import { expect } from '@playwright/test';
import type { OffsiteRequestSink } from './offsite-request-sink.ts';
import { findPhi } from './phi-canaries.ts';

export async function expectGuardToSee(ext: { consoleOutput(): string }, sink: OffsiteRequestSink, planted: string[]): Promise<void> {
  await expect
    .poll(() => findPhi(ext.consoleOutput()).map((hit) => hit.split(' in: ')[0]))
    .toEqual(expect.arrayContaining([...planted, expect.stringMatching(/^\/snapi_sk_/)]));
  await expect
    .poll(() => sink.requests.map((r) => r.requestLine))
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CONNECT api\.chartside-leak-guard\.example:443 /),
        expect.stringMatching(/^GET http:\/\/chartside-leak-guard\.example\/from-page\?q=1 /),
      ]),
    );
}
