import { describe, expect, it } from 'vitest';
import { GenerationUpdateSchema } from './background-to-ui';
import { DataClearMessageSchema } from './data-clear';
import { PanelCommandMessageSchema } from './panel-commands';

const JOB = '0b9f6c1e-2f6a-4d38-9d61-3c1f0a7e5b21';
const sectionEvent = (event: object) => ({ type: 'event', jobId: JOB, event: { type: 'section', section: 'plan', content: 'Rest.', mode: 'append', ...event } });
const snapshot = (job: object) => ({
  type: 'snapshot',
  job: {
    id: JOB,
    bindingKey: 'tab:4',
    status: 'complete',
    note: { sections: { subjective: '', objective: '', assessment: '', plan: 'Rest.' }, extras: {} },
    startedAt: 1,
    updatedAt: 2,
    ...job,
  },
});

// The panel drops whatever these schemas refuse (lib/panel/generation-connection.ts), so what they
// refuse is what can never reach the note on screen.
describe('GenerationUpdateSchema', () => {
  it('accepts the updates the background sends', () => {
    for (const update of [sectionEvent({}), snapshot({}), { type: 'status', jobId: JOB, status: 'streaming' }, { type: 'unknown-job', jobId: JOB }]) {
      expect(GenerationUpdateSchema.safeParse(update).success, JSON.stringify(update)).toBe(true);
    }
  });

  it('refuses anything not shaped as an update', () => {
    for (const update of [null, undefined, 42, 'Rest.', ['event'], {}, { type: 'FORGED', jobId: JOB }, { type: 'unknown-job' }]) {
      expect(GenerationUpdateSchema.safeParse(update).success, JSON.stringify(update)).toBe(false);
    }
  });

  it('refuses section chunks with a wrong type, an unknown section or mode, or a missing field', () => {
    const { content: _, ...withoutContent } = sectionEvent({}).event;
    for (const update of [
      sectionEvent({ content: 12345 }),
      sectionEvent({ content: { html: '<img src=x onerror=alert(1)>' } }),
      sectionEvent({ section: 'billing' }),
      sectionEvent({ mode: 'prepend' }),
      { type: 'event', jobId: JOB, event: withoutContent },
      { type: 'event', event: sectionEvent({}).event },
      { type: 'event', jobId: 7, event: sectionEvent({}).event },
    ]) {
      expect(GenerationUpdateSchema.safeParse(update).success, JSON.stringify(update)).toBe(false);
    }
  });

  it('refuses snapshots with missing or mistyped fields, and statuses it does not know', () => {
    for (const update of [
      snapshot({ note: { sections: { plan: 'Rest.' }, extras: {} } }),
      snapshot({ note: { sections: { subjective: 1, objective: 2, assessment: 3, plan: 4 }, extras: {} } }),
      snapshot({ status: 'pwned' }),
      snapshot({ startedAt: 'yesterday' }),
      { type: 'snapshot', job: { id: JOB } },
      { type: 'status', jobId: JOB, status: 'pwned' },
      { type: 'status', jobId: JOB, status: 'error', error: { message: 'no kind, no next step' } },
      { type: 'retrying', jobId: JOB, attempt: 'one', maxAttempts: 3, delayMs: 10 },
    ]) {
      expect(GenerationUpdateSchema.safeParse(update).success, JSON.stringify(update).slice(0, 120)).toBe(false);
    }
  });

  it('keeps none of an extra field', () => {
    const parsed = GenerationUpdateSchema.parse({ ...sectionEvent({}), padding: 'x'.repeat(100_000) });
    expect(parsed).not.toHaveProperty('padding');
  });
});

describe('page messages from the background', () => {
  it('Clear all data: only the two exact messages', () => {
    expect(DataClearMessageSchema.safeParse({ type: 'data:clearing' }).success).toBe(true);
    for (const message of [{ type: 'data:clear' }, { type: ['data:clearing'] }, {}, 'data:cleared', null]) {
      expect(DataClearMessageSchema.safeParse(message).success, JSON.stringify(message)).toBe(false);
    }
  });

  it('shortcuts: only known commands, for a real tab id', () => {
    expect(PanelCommandMessageSchema.safeParse({ type: 'panel:command', command: 'insert-all', tabId: 3 }).success).toBe(true);
    for (const message of [
      { type: 'panel:command', command: 'delete-everything' },
      { type: 'panel:command', command: 'generate-note', tabId: -1 },
      { type: 'panel:command', command: 'generate-note', tabId: 1.5 },
      { type: 'panel:command', command: 'insert-all', tabId: 'all' },
      { type: 'panel:command' },
    ]) {
      expect(PanelCommandMessageSchema.safeParse(message).success, JSON.stringify(message)).toBe(false);
    }
  });
});
