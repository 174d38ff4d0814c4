import { describe, expect, it } from 'vitest';
import { GenerationCommandSchema, UiRequestSchema } from './ui-to-background';

const TRANSCRIPT = 'Patient reports three days of sore throat and mild fever. She denies cough.';

// The background answers only what these schemas accept (and only from its own pages:
// lib/messaging/sender.ts), so each refusal here is a request that gets no answer at all.
describe('UiRequestSchema', () => {
  it('refuses unknown types, missing fields and out-of-range values', () => {
    for (const request of [
      null,
      'vault:status',
      { type: 'vault:get-key' },
      { type: 'vault:export' },
      { type: 'vault:save-key' },
      { type: 'vault:save-key', apiKey: '' },
      { type: 'vault:save-key', apiKey: 'k'.repeat(513) },
      { type: 'chart:read' },
      { type: 'chart:read', tabId: -1 },
      { type: 'chart:read', tabId: '4' },
      { type: 'note:insert', tabId: 4, sections: { plan: 'Rest.' } },
      { type: 'note:insert', tabId: 4, sections: { billing: 'x' }, mode: 'append' },
      { type: 'note:insert', tabId: 4, sections: { plan: 'x'.repeat(200_001) }, mode: 'append' },
      { type: 'note:get', noteId: '' },
      { type: 'site:disable', origin: 'x'.repeat(301) },
      { type: 'fields:pick', tabId: 4, target: 'billing' },
    ]) {
      expect(UiRequestSchema.safeParse(request).success, JSON.stringify(request)?.slice(0, 100)).toBe(false);
    }
  });

  it('accepts a well-formed request, keeping none of an extra field', () => {
    const parsed = UiRequestSchema.parse({ type: 'vault:status', apiKey: 'snapi_sk_test_x', reply: 'everything' });
    expect(parsed).toEqual({ type: 'vault:status' });
  });
});

describe('GenerationCommandSchema', () => {
  const generate = { type: 'generate', jobId: '0b9f6c1e-2f6a-4d38-9d61-3c1f0a7e5b21', bindingKey: 'tab:4', request: { transcript: TRANSCRIPT, specialty: 'physician' } };

  it('accepts a well-formed generate command', () => {
    expect(GenerationCommandSchema.safeParse(generate).success).toBe(true);
  });

  it('refuses commands with a job id that is not a UUID, a short transcript, or no binding', () => {
    for (const command of [
      { ...generate, jobId: 'job-1' },
      { ...generate, request: { transcript: 'Too short.', specialty: 'physician' } },
      { ...generate, bindingKey: '' },
      { ...generate, bindingKey: 'b'.repeat(65) },
      { type: 'generate-audio', jobId: generate.jobId, bindingKey: 'tab:4', recordingId: '', options: { specialty: 'physician' } },
      { type: 'subscribe' },
      { type: 'subscribe', jobId: 'j'.repeat(65) },
      { type: 'read-note', jobId: generate.jobId },
    ]) {
      expect(GenerationCommandSchema.safeParse(command).success, JSON.stringify(command).slice(0, 100)).toBe(false);
    }
  });
});
