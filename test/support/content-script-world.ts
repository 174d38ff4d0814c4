/**
 * Runs code in the isolated world where Chartside's content scripts live on a Chromium page, with
 * the same `chrome.*` APIs they have. Security tests use it to act as a hostile (or compromised)
 * content script: whatever that world can read or ask for, so could an attacker who owns the
 * renderer of an EHR page the clinician enabled.
 *
 * Playwright's own `page.evaluate` runs in the page's main world (no `chrome.runtime` of ours) or
 * in its own utility world; only the DevTools protocol can enter an extension's isolated world.
 * Chromium announces every execution context on `Runtime.enable` (existing ones included), and an
 * extension's content-script world is the one of type `isolated` whose origin is the extension's.
 */
import type { CDPSession, Page } from '@playwright/test';
import type { ExtensionBrowser } from './chromium-extension.ts';

interface ExecutionContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; isDefault?: boolean; frameId?: string };
}

export interface ContentScriptWorld {
  /**
   * Evaluates `expression` (JavaScript source: the code crosses a protocol, not a function
   * reference) in the top frame's content-script world, awaits it if it is a promise, and returns
   * its value as JSON. A throw becomes a rejected promise here, with the page's message.
   */
  evaluate<T = unknown>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Enters the content-script world of `page`'s top frame. The content script must already be there
 * (the site enabled, so the chart reader was injected); waits up to `timeoutMs` for it to appear.
 */
export async function enterContentScriptWorld(ext: ExtensionBrowser, page: Page, timeoutMs = 10_000): Promise<ContentScriptWorld> {
  const session: CDPSession = await ext.context.newCDPSession(page);
  const contexts = new Map<number, ExecutionContextDescription>();
  session.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, context));
  session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
  const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const topFrameId = frameTree.frame.id;
  await session.send('Runtime.enable');

  const extensionOrigin = `chrome-extension://${ext.extensionId}`;
  const find = () =>
    [...contexts.values()].find(
      (c) => c.auxData?.type === 'isolated' && c.auxData.frameId === topFrameId && c.origin.startsWith(extensionOrigin),
    );
  const deadline = Date.now() + timeoutMs;
  let context = find();
  while (!context && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    context = find();
  }
  if (!context) {
    await session.detach().catch(() => undefined);
    throw new Error(`No content-script world of ${extensionOrigin} in the page's top frame: is the site enabled?`);
  }
  const contextId = context.id;

  return {
    async evaluate<T>(expression: string): Promise<T> {
      const result = (await session.send('Runtime.evaluate', {
        contextId,
        expression,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      if (result.exceptionDetails) {
        throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      }
      return result.result.value as T;
    },
    async close() {
      await session.detach().catch(() => undefined);
    },
  };
}
