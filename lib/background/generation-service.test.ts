import { describe, expect, it, vi } from 'vitest';
import { ApiError, toErrorInfo } from '../api/errors';
import type { Note, NoteRequest, NoteWithStatus } from '../api/schemas';
import type { NoteStreamEvent } from '../api/stream-events';
import { GenerationUpdateSchema, type GenerationUpdate, type JobSnapshot } from '../messaging/background-to-ui';
import { GenerationService, type ExtrasRouteMemory, type NoteStreamer, type UpdateSink } from './generation-service';

const REQUEST: NoteRequest = {
  transcript: 'Patient reports a sore throat for three days, no fever, mild cough at night.',
  specialty: 'physician',
};

type FeedItem = { kind: 'event'; event: NoteStreamEvent } | { kind: 'end' } | { kind: 'throw'; error: unknown };

/** A NoteStreamer whose stream yields exactly what the test pushes, when it pushes it. */
function controlledStreamer() {
  const queue: FeedItem[] = [];
  let wake: (() => void) | undefined;
  const calls: { request: NoteRequest; signal: AbortSignal; onRetry?: Parameters<NoteStreamer['streamNote']>[1]['onRetry'] }[] = [];

  function put(item: FeedItem) {
    queue.push(item);
    wake?.();
    wake = undefined;
  }

  async function* stream(signal: AbortSignal): AsyncGenerator<NoteStreamEvent> {
    for (;;) {
      while (queue.length === 0) {
        // Like the real client: an aborted request ends in an AbortError.
        if (signal.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      const item = queue.shift()!;
      if (item.kind === 'end') return;
      if (item.kind === 'throw') throw item.error;
      yield item.event;
    }
  }

  /** What POST /v1/note answers (in order), and what GET /v1/note/:noteId holds. */
  const wholeNotes: Note[] = [];
  const wholeCalls: NoteRequest[] = [];
  const storedNotes = new Map<string, NoteWithStatus>();
  const getCalls: string[] = [];

  const streamer: NoteStreamer = {
    streamNote(request, options) {
      calls.push({ request, signal: options.signal, onRetry: options.onRetry });
      return stream(options.signal);
    },
    async generateNote(request) {
      wholeCalls.push(request);
      const note = wholeNotes.shift();
      if (!note) throw new ApiError({ kind: 'server', message: 'No note.', nextStep: 'Try again.', retryable: false });
      return note;
    },
    async getNote(noteId) {
      getCalls.push(noteId);
      const note = storedNotes.get(noteId);
      if (!note) throw new ApiError({ kind: 'not_found', message: 'The note was not found.', nextStep: 'Generate it again.', retryable: false, status: 404 });
      return note;
    },
  };

  return {
    streamer,
    calls,
    wholeNotes,
    wholeCalls,
    storedNotes,
    getCalls,
    emit: (event: NoteStreamEvent) => put({ kind: 'event', event }),
    end: () => put({ kind: 'end' }),
    fail: (error: unknown) => put({ kind: 'throw', error }),
  };
}

class CollectingSink implements UpdateSink {
  readonly updates: GenerationUpdate[] = [];
  post(update: GenerationUpdate): void {
    // Everything that goes to a panel must be valid on the wire (plain ApiErrorInfo, no class instances).
    GenerationUpdateSchema.parse(update);
    this.updates.push(structuredClone(update));
  }
  ofType<T extends GenerationUpdate['type']>(type: T): Extract<GenerationUpdate, { type: T }>[] {
    return this.updates.filter((u): u is Extract<GenerationUpdate, { type: T }> => u.type === type);
  }
  statuses(): string[] {
    return this.ofType('status').map((u) => u.status);
  }
}

function harness(
  options: { persistEveryMs?: number; client?: () => Promise<NoteStreamer>; persist?: (job: JobSnapshot) => Promise<void>; extrasMemory?: ExtrasRouteMemory } = {},
) {
  const feed = controlledStreamer();
  const saved = new Map<string, JobSnapshot>();
  const persisted: JobSnapshot[] = [];
  const keepAlive = { holds: 0, releases: 0 };
  let clock = 1_000;
  let onRelease: (() => void) | undefined;

  const service = new GenerationService({
    client: options.client ?? (async () => feed.streamer),
    persist:
      options.persist ??
      (async (job) => {
        persisted.push(structuredClone(job));
        saved.set(job.id, structuredClone(job));
      }),
    load: async (id) => saved.get(id),
    holdKeepAlive: () => {
      keepAlive.holds += 1;
      let released = false;
      return () => {
        if (!released) keepAlive.releases += 1;
        released = true;
        onRelease?.();
      };
    },
    now: () => clock,
    ...(options.persistEveryMs === undefined ? {} : { persistEveryMs: options.persistEveryMs }),
    ...(options.extrasMemory ? { extrasMemory: options.extrasMemory } : {}),
  });

  /** Resolves once the job has ended and released its keep-alive. */
  const finished = () =>
    new Promise<void>((resolve) => {
      onRelease = resolve;
    });

  return {
    ...feed,
    service,
    saved,
    persisted,
    keepAlive,
    finished,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

/** Lets the job's promise chain catch up with what was pushed. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const section = (s: 'subjective' | 'objective' | 'assessment' | 'plan', content: string): NoteStreamEvent => ({
  type: 'section',
  section: s,
  content,
  mode: 'append',
});

function serverError(): ApiError {
  return new ApiError({ kind: 'server', message: 'The SOAP Note API had an internal error.', nextStep: 'Try again in a moment.', retryable: true, status: 500 });
}

describe('GenerationService', () => {
  it('runs a full stream: snapshot first, events in order, streaming then complete, final note persisted', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();

    expect(h.service.start('job-1', 'tab-1', REQUEST, sink)).toBe(true);
    expect(h.service.isRunning('job-1')).toBe(true);
    expect(sink.updates[0]).toEqual({
      type: 'snapshot',
      job: expect.objectContaining({
        id: 'job-1',
        bindingKey: 'tab-1',
        status: 'starting',
        note: { sections: { subjective: '', objective: '', assessment: '', plan: '' }, extras: {} },
      }),
    });

    h.emit(section('subjective', 'Sore throat '));
    h.emit(section('subjective', 'for three days.'));
    h.emit(section('objective', 'Afebrile.'));
    h.emit({ type: 'extra', key: 'noteId', value: 'note-42' });
    h.emit({ type: 'done' });
    await finished;

    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]!.request).toEqual(REQUEST);
    expect(sink.updates.map((u) => u.type)).toEqual(['snapshot', 'status', 'event', 'event', 'event', 'event', 'event', 'status']);
    expect(sink.statuses()).toEqual(['streaming', 'complete']);
    expect(sink.ofType('event').map((u) => u.event)).toEqual([
      section('subjective', 'Sore throat '),
      section('subjective', 'for three days.'),
      section('objective', 'Afebrile.'),
      { type: 'extra', key: 'noteId', value: 'note-42' },
      { type: 'done' },
    ]);
    expect(sink.ofType('event').every((u) => u.jobId === 'job-1')).toBe(true);

    const final = h.saved.get('job-1');
    expect(final).toMatchObject({
      id: 'job-1',
      bindingKey: 'tab-1',
      status: 'complete',
      note: {
        sections: { subjective: 'Sore throat for three days.', objective: 'Afebrile.', assessment: '', plan: '' },
        extras: { noteId: 'note-42' },
      },
    });
    expect(final?.error).toBeUndefined();
    expect(final?.interruption).toBeUndefined();
    expect(h.persisted.at(-1)).toEqual(final);
    expect(h.persisted[0]?.status).toBe('starting'); // saved before the request went out
    expect(h.keepAlive).toEqual({ holds: 1, releases: 1 });
    expect(h.service.isRunning('job-1')).toBe(false);
  });

  it('marks a stream that ends without done incomplete (stream-cut), keeping what arrived', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.emit(section('subjective', 'Sore throat.'));
    h.end();
    await finished;

    expect(sink.statuses()).toEqual(['streaming', 'incomplete']);
    expect(sink.ofType('status').at(-1)).toMatchObject({ status: 'incomplete', interruption: 'stream-cut' });
    expect(h.saved.get('job-1')).toMatchObject({
      status: 'incomplete',
      interruption: 'stream-cut',
      note: { sections: { subjective: 'Sore throat.' } },
    });
    expect(h.keepAlive.releases).toBe(1);
  });

  it('reports an error thrown before any output as an error, with its ApiErrorInfo', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    const error = serverError();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.fail(error);
    await finished;

    const info = toErrorInfo(error);
    expect(info).toEqual({ kind: 'server', status: 500, message: 'The SOAP Note API had an internal error.', nextStep: 'Try again in a moment.', retryable: true });
    expect(sink.ofType('status')).toEqual([{ type: 'status', jobId: 'job-1', status: 'error', error: info, interruption: undefined }]);
    expect(h.saved.get('job-1')).toMatchObject({ status: 'error', error: info });
    expect(h.saved.get('job-1')?.interruption).toBeUndefined();
    expect(h.keepAlive).toEqual({ holds: 1, releases: 1 });
  });

  it('does not leak the text of a non-API error', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.fail(new TypeError(`Cannot read ${REQUEST.transcript}`));
    await finished;
    const status = sink.ofType('status').at(-1);
    expect(status?.status).toBe('error');
    expect(status?.error?.kind).toBe('unknown');
    expect(JSON.stringify(sink.updates)).not.toContain('sore throat');
    expect(JSON.stringify([...h.saved.values()])).not.toContain('Cannot read');
  });

  it('keeps the partial note when an error is thrown after output: incomplete, with the error attached', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    const error = new ApiError({ kind: 'network', message: 'The connection was lost.', nextStep: 'Keep what arrived.', retryable: true });
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.emit(section('subjective', 'Sore throat.'));
    h.emit(section('objective', 'Afeb'));
    h.fail(error);
    await finished;

    expect(sink.statuses()).toEqual(['streaming', 'incomplete']);
    expect(sink.ofType('status').at(-1)).toMatchObject({ status: 'incomplete', interruption: 'stream-cut', error: toErrorInfo(error) });
    expect(h.saved.get('job-1')).toMatchObject({
      status: 'incomplete',
      interruption: 'stream-cut',
      error: toErrorInfo(error),
      note: { sections: { subjective: 'Sore throat.', objective: 'Afeb', assessment: '', plan: '' } },
    });
  });

  it('turns an error event from the server into status error and forwards it as plain info', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    const error = new ApiError({ kind: 'balance', message: 'Your balance is used up.', nextStep: 'Add funds.', status: 429 });
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.emit(section('subjective', 'Sore throat.'));
    h.emit({ type: 'error', error });
    h.emit(section('plan', 'never read'));
    await finished;

    const info = toErrorInfo(error);
    expect(sink.ofType('event').map((u) => u.event)).toEqual([section('subjective', 'Sore throat.'), { type: 'error', error: info }]);
    expect(sink.statuses()).toEqual(['streaming', 'error']);
    expect(sink.ofType('status').at(-1)?.error).toEqual(info);
    expect(h.saved.get('job-1')).toMatchObject({ status: 'error', error: info, note: { sections: { subjective: 'Sore throat.', plan: '' } } });
  });

  it('stop() aborts the signal given to streamNote and ends the job cancelled', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.emit(section('subjective', 'Sore throat.'));
    await settle();
    expect(h.calls[0]!.signal.aborted).toBe(false);

    h.service.stop('job-1');
    expect(h.calls[0]!.signal.aborted).toBe(true);
    await finished;

    expect(sink.statuses()).toEqual(['streaming', 'cancelled']);
    expect(sink.ofType('status').at(-1)?.error).toBeUndefined();
    expect(h.saved.get('job-1')).toMatchObject({ status: 'cancelled', note: { sections: { subjective: 'Sore throat.' } } });
    expect(h.keepAlive).toEqual({ holds: 1, releases: 1 });
    expect(h.service.isRunning('job-1')).toBe(false);
  });

  it('stop() for an unknown job does nothing', () => {
    const h = harness();
    expect(() => h.service.stop('nope')).not.toThrow();
  });

  it('gives a panel subscribing to a running job a snapshot with the note so far, then live events', async () => {
    const h = harness({ persistEveryMs: 60_000 }); // nothing saved mid-stream: the snapshot must come from memory
    const first = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, first);
    h.emit(section('subjective', 'Sore throat '));
    h.emit(section('subjective', 'for three days.'));
    await settle();

    const late = new CollectingSink();
    await h.service.subscribe('job-1', late);
    expect(late.updates).toHaveLength(1);
    expect(late.updates[0]).toMatchObject({
      type: 'snapshot',
      job: { id: 'job-1', status: 'streaming', note: { sections: { subjective: 'Sore throat for three days.', objective: '' } } },
    });

    h.emit(section('objective', 'Afebrile.'));
    h.emit({ type: 'done' });
    await finished;
    expect(late.updates.slice(1).map((u) => u.type)).toEqual(['event', 'event', 'status']);
    expect(late.ofType('event').map((u) => u.event)).toEqual([section('objective', 'Afebrile.'), { type: 'done' }]);
    expect(late.statuses()).toEqual(['complete']);
    // The first panel still got everything.
    expect(first.statuses()).toEqual(['streaming', 'complete']);
  });

  it('answers unknown-job for a job it never saw', async () => {
    const h = harness();
    const sink = new CollectingSink();
    await h.service.subscribe('nope', sink);
    expect(sink.updates).toEqual([{ type: 'unknown-job', jobId: 'nope' }]);
  });

  it('gives a finished job’s persisted snapshot', async () => {
    const h = harness();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, new CollectingSink());
    h.emit(section('plan', 'Rest and fluids.'));
    h.emit({ type: 'done' });
    await finished;

    const sink = new CollectingSink();
    await h.service.subscribe('job-1', sink);
    expect(sink.updates).toEqual([{ type: 'snapshot', job: h.saved.get('job-1') }]);
    expect(sink.updates[0]).toMatchObject({ job: { status: 'complete', note: { sections: { plan: 'Rest and fluids.' } } } });
  });

  it('refuses to start a job whose id is already running', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const other = new CollectingSink();
    expect(h.service.start('job-1', 'tab-1', REQUEST, sink)).toBe(true);
    expect(h.service.start('job-1', 'tab-2', REQUEST, other)).toBe(false);
    expect(other.updates).toEqual([]);
    await settle();
    expect(h.calls).toHaveLength(1);
    expect(h.keepAlive.holds).toBe(1);
  });

  it('reports a client that cannot be made (no key) as an error', async () => {
    const noKey = new ApiError({ kind: 'auth', message: 'No API key is saved in Chartside yet.', nextStep: 'Check the API key in Chartside settings.' });
    const h = harness({ client: () => Promise.reject(noKey) });
    const sink = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    await finished;

    expect(sink.statuses()).toEqual(['error']);
    expect(sink.ofType('status')[0]?.error).toEqual(toErrorInfo(noKey));
    expect(h.saved.get('job-1')).toMatchObject({ status: 'error', error: { kind: 'auth', message: 'No API key is saved in Chartside yet.' } });
    expect(h.calls).toHaveLength(0);
    expect(h.keepAlive).toEqual({ holds: 1, releases: 1 });
  });

  it('throttles saving while streaming but always saves the final state', async () => {
    const h = harness({ persistEveryMs: 500 });
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, new CollectingSink());
    await settle();
    expect(h.persisted.map((j) => j.status)).toEqual(['starting']);

    h.emit(section('subjective', 'a')); // 0 ms since the first save: skipped
    await settle();
    h.advance(200);
    h.emit(section('subjective', 'b')); // 200 ms: skipped
    await settle();
    expect(h.persisted).toHaveLength(1);

    h.advance(300);
    h.emit(section('subjective', 'c')); // 500 ms: saved
    await settle();
    expect(h.persisted).toHaveLength(2);
    expect(h.persisted[1]).toMatchObject({ status: 'streaming', note: { sections: { subjective: 'abc' } } });

    h.advance(100);
    h.emit(section('subjective', 'd')); // 100 ms after the last save: skipped
    await settle();
    expect(h.persisted).toHaveLength(2);

    h.end(); // ended 100 ms after the last save: saved anyway
    await finished;
    expect(h.persisted).toHaveLength(3);
    expect(h.persisted[2]).toMatchObject({ status: 'incomplete', note: { sections: { subjective: 'abcd' } } });
  });

  it('forwards retry notices as retrying updates', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    await settle();
    const error = serverError();
    h.calls[0]!.onRetry?.({ attempt: 1, delayMs: 750, error });
    h.calls[0]!.onRetry?.({ attempt: 2, delayMs: 1500, error });

    expect(sink.ofType('retrying')).toEqual([
      { type: 'retrying', jobId: 'job-1', attempt: 1, maxAttempts: 3, delayMs: 750, error: toErrorInfo(error) },
      { type: 'retrying', jobId: 'job-1', attempt: 2, maxAttempts: 3, delayMs: 1500, error: toErrorInfo(error) },
    ]);
    h.emit({ type: 'done' });
    await finished;
  });

  it('carries on when a panel goes away mid-stream, and stops posting to it', async () => {
    const h = harness();
    const gone = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, gone);
    h.emit(section('subjective', 'a'));
    await settle();
    const before = gone.updates.length;
    h.service.detach(gone);
    h.emit(section('subjective', 'b'));
    h.emit({ type: 'done' });
    await finished;
    expect(gone.updates).toHaveLength(before);
    expect(h.saved.get('job-1')).toMatchObject({ status: 'complete', note: { sections: { subjective: 'ab' } } });
  });

  it('survives a sink that throws (a disconnected port), dropping it and finishing the job', async () => {
    const h = harness();
    const broken: UpdateSink = { post: vi.fn(() => { throw new Error('Attempting to use a disconnected port object'); }) };
    const finished = h.finished();
    expect(() => h.service.start('job-1', 'tab-1', REQUEST, broken)).not.toThrow();
    h.emit(section('subjective', 'Sore throat.'));
    h.emit({ type: 'done' });
    await finished;
    expect(h.saved.get('job-1')).toMatchObject({ status: 'complete', note: { sections: { subjective: 'Sore throat.' } } });
    expect(broken.post).toHaveBeenCalledTimes(1); // dropped after the first failure
    expect(h.service.isRunning('job-1')).toBe(false);
    expect(h.keepAlive).toEqual({ holds: 1, releases: 1 });
  });

  it('keeps streaming when saving to storage fails, and saves again once it can', async () => {
    let failing = true;
    const saved: JobSnapshot[] = [];
    const h = harness({
      persistEveryMs: 0,
      persist: async (job) => {
        if (failing) throw new Error('QUOTA_BYTES quota exceeded');
        saved.push(structuredClone(job));
      },
    });
    const sink = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.emit(section('subjective', 'Sore throat. '));
    await settle();
    failing = false;
    h.emit(section('subjective', 'No fever.'));
    h.emit({ type: 'done' });
    await finished;
    expect(sink.statuses()).toEqual(['streaming', 'complete']);
    expect(saved.at(-1)).toMatchObject({ status: 'complete', note: { sections: { subjective: 'Sore throat. No fever.' } } });
  });

  it('ends a stopped job cancelled even when the stream ends quietly instead of throwing', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const finished = h.finished();
    h.service.start('job-1', 'tab-1', REQUEST, sink);
    h.emit(section('subjective', 'Sore'));
    await settle();
    h.service.stop('job-1');
    h.end();
    await finished;
    expect(sink.statuses().at(-1)).toBe('cancelled');
  });

  describe('requested extras (billing codes, patient summary) are never dropped silently', () => {
    const WITH_EXTRAS: NoteRequest = { ...REQUEST, include_billing_codes: true, include_patient_summary: true };
    const CODES = { icd10: [{ code: 'J02.9', description: 'Acute pharyngitis, unspecified' }], cpt: [] };
    const memory = (lacks = false) => {
      const m = { lacks, remembered: 0, lacksExtras: async () => m.lacks, remember: async () => void (m.remembered += 1) };
      return m;
    };
    const sections = (h: ReturnType<typeof harness>) => {
      h.emit(section('subjective', 'Sore throat for three days.'));
      h.emit(section('plan', 'Fluids and rest.'));
    };

    it('takes extras the stream carries, asks for nothing more and remembers nothing', async () => {
      const m = memory();
      const h = harness({ extrasMemory: m });
      const sink = new CollectingSink();
      const finished = h.finished();
      h.service.start('job-x', 'tab-1', WITH_EXTRAS, sink);
      sections(h);
      h.emit({ type: 'extra', key: 'billing_codes', value: CODES });
      h.emit({ type: 'extra', key: 'patient_summary', value: 'You have a sore throat.' });
      h.emit({ type: 'done' });
      await finished;
      expect(h.getCalls).toEqual([]);
      expect(h.wholeCalls).toEqual([]);
      expect(m.remembered).toBe(0);
      expect(sink.ofType('status').at(-1)).toEqual(expect.not.objectContaining({ missingExtras: expect.anything() }));
      expect(h.saved.get('job-x')!.missingExtras).toBeUndefined();
    });

    it('a stream without them but with a note id: takes them from GET /v1/note/:noteId (no second note) before the note is done', async () => {
      const m = memory();
      const h = harness({ extrasMemory: m });
      const sink = new CollectingSink();
      const finished = h.finished();
      h.storedNotes.set('note-7', {
        noteId: 'note-7', status: 'completed', subjective: 'x', objective: '', assessment: '', plan: '',
        billing_codes: CODES, billing_codes_disclaimer: 'Verify codes.', patient_summary: 'You have a sore throat.',
      } as NoteWithStatus);
      h.service.start('job-y', 'tab-1', WITH_EXTRAS, sink);
      sections(h);
      h.emit({ type: 'extra', key: 'noteId', value: 'note-7' });
      h.emit({ type: 'done' });
      await finished;
      expect(h.getCalls).toEqual(['note-7']);
      expect(h.wholeCalls).toEqual([]);
      const events = sink.ofType('event').map((u) => u.event);
      // The extras arrive before `done`, so the panel never shows a finished note without them.
      expect(events.slice(-4)).toEqual([
        { type: 'extra', key: 'billing_codes', value: CODES },
        { type: 'extra', key: 'billing_codes_disclaimer', value: 'Verify codes.' },
        { type: 'extra', key: 'patient_summary', value: 'You have a sore throat.' },
        { type: 'done' },
      ]);
      expect(h.saved.get('job-y')!.note.extras).toMatchObject({ billing_codes: CODES, patient_summary: 'You have a sore throat.' });
      expect(h.saved.get('job-y')!.missingExtras).toBeUndefined();
      expect(m.remembered).toBe(0);
    });

    it('a stream without them and no id (or an id the server cannot find): the note completes naming what is missing, and the address is remembered', async () => {
      for (const withId of [false, true]) {
        const m = memory();
        const h = harness({ extrasMemory: m });
        const sink = new CollectingSink();
        const finished = h.finished();
        h.service.start('job-z', 'tab-1', WITH_EXTRAS, sink);
        sections(h);
        if (withId) h.emit({ type: 'extra', key: 'noteId', value: 'gone' });
        h.emit({ type: 'done' });
        await finished;
        expect(h.getCalls).toEqual(withId ? ['gone'] : []);
        expect(sink.ofType('status').at(-1)).toMatchObject({ status: 'complete', missingExtras: ['billing_codes', 'patient_summary'] });
        expect(h.saved.get('job-z')).toMatchObject({ status: 'complete', missingExtras: ['billing_codes', 'patient_summary'] });
        expect(h.saved.get('job-z')!.note.sections.plan).toBe('Fluids and rest.');
        expect(m.remembered).toBe(1);
      }
    });

    it('only what was asked for is looked for: no flags, nothing missing, however bare the stream', async () => {
      const m = memory();
      const h = harness({ extrasMemory: m });
      const sink = new CollectingSink();
      const finished = h.finished();
      h.service.start('job-n', 'tab-1', REQUEST, sink);
      sections(h);
      h.emit({ type: 'done' });
      await finished;
      expect(h.saved.get('job-n')!.missingExtras).toBeUndefined();
      expect(m.remembered).toBe(0);
    });

    it('an address known to stream without extras gets POST /v1/note directly, said to arrive whole', async () => {
      const m = memory(true);
      const h = harness({ extrasMemory: m });
      const sink = new CollectingSink();
      const finished = h.finished();
      h.wholeNotes.push({
        noteId: 'note-9', subjective: 'Sore throat.', objective: 'Afebrile.', assessment: 'Pharyngitis.', plan: 'Rest.',
        billing_codes: CODES, patient_summary: 'You have a sore throat.',
      } as Note);
      h.service.start('job-w', 'tab-1', WITH_EXTRAS, sink);
      await finished;
      expect(h.calls).toEqual([]); // no stream
      expect(h.wholeCalls).toEqual([WITH_EXTRAS]);
      expect(sink.ofType('snapshot').some((u) => u.job.delivery === 'whole')).toBe(true);
      expect(h.saved.get('job-w')).toMatchObject({ status: 'complete', delivery: 'whole' });
      expect(h.saved.get('job-w')!.note.extras).toMatchObject({ billing_codes: CODES, patient_summary: 'You have a sore throat.' });
      expect(h.saved.get('job-w')!.missingExtras).toBeUndefined();
    });

    it('a note without extras still streams on such an address; a whole note that lacks them says so too', async () => {
      const m = memory(true);
      const h = harness({ extrasMemory: m });
      let finished = h.finished();
      h.service.start('job-s', 'tab-1', REQUEST, new CollectingSink());
      sections(h);
      h.emit({ type: 'done' });
      await finished;
      expect(h.calls).toHaveLength(1);

      finished = h.finished();
      h.wholeNotes.push({ noteId: 'note-10', subjective: 'Sore throat.', objective: '', assessment: '', plan: 'Rest.' } as Note);
      h.service.start('job-t', 'tab-1', { ...REQUEST, include_billing_codes: true }, new CollectingSink(), { whole: true });
      await finished;
      expect(h.saved.get('job-t')).toMatchObject({ status: 'complete', delivery: 'whole', missingExtras: ['billing_codes'] });
    });
  });
});

describe('regenerating one section', () => {
  const KEEP = { subjective: 'Edited by the clinician.', objective: 'No fever.', assessment: 'Pharyngitis.', plan: '1. Rest.' };

  it('takes only that section of the new note; the job (and its saved snapshot) is the kept note with it rewritten', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const done = h.finished();
    h.service.start('job-r', 'tab-1', REQUEST, sink, { regenerate: { section: 'plan', keep: KEEP } });
    await settle();
    const first = sink.ofType('snapshot')[0]!;
    expect(first.job.note.sections).toEqual({ ...KEEP, plan: '' });
    h.emit(section('subjective', 'A new subjective.'));
    h.emit(section('subjective', ' More of it.'));
    h.emit(section('plan', '1. Rest and fluids.'));
    h.emit({ type: 'extra', key: 'noteId', value: 'note-2' });
    h.emit({ type: 'done' });
    await done;
    // Another section's text never reaches the panel: only, once, that the API has reached it.
    const sections = sink.ofType('event').flatMap((u) => (u.event.type === 'section' ? [[u.event.section, u.event.content]] : []));
    expect(sections).toEqual([
      ['subjective', ''],
      ['plan', '1. Rest and fluids.'],
    ]);
    expect(sink.statuses().at(-1)).toBe('complete');
    const saved = h.saved.get('job-r')!;
    expect(saved.note.sections).toEqual({ ...KEEP, plan: '1. Rest and fluids.' });
    // The new note's id is not this note's: reopening it would show other sections.
    expect(saved.note.extras.noteId).toBeUndefined();
  });

  it('keeps the consent line the section had in the saved note (its history entry)', async () => {
    const h = harness();
    const done = h.finished();
    const line = 'Patient consented to audio recording of this visit; confirmed by the clinician at 14:32 on 7 Dec 2026.';
    h.service.start('job-c', 'tab-1', REQUEST, new CollectingSink(), { regenerate: { section: 'plan', keep: { ...KEEP, plan: `1. Rest.\n\n${line}` } } });
    await settle();
    h.emit(section('plan', '1. Rest and fluids.'));
    h.emit({ type: 'done' });
    await done;
    expect(h.saved.get('job-c')!.note.sections.plan).toBe(`1. Rest and fluids.\n\n${line}`);
  });
});

describe('a note from a typed transcript with the patient’s consent', () => {
  const CONSENT = { confirmedAt: Date.UTC(2026, 11, 7, 14, 32), by: 'Dr A. Lee', placement: 'plan-end' as const };

  it('puts the consent line in the place chosen once the note is done: the panel, the saved note and so the history hold it', async () => {
    const h = harness();
    const sink = new CollectingSink();
    const done = h.finished();
    h.service.start('job-k', 'tab-1', REQUEST, sink, { consent: CONSENT });
    h.emit(section('subjective', 'Sore throat.'));
    h.emit(section('plan', '1. Rest.'));
    h.emit({ type: 'done' });
    await done;
    const saved = h.saved.get('job-k')!;
    expect(saved.consent).toEqual(CONSENT);
    expect(saved.note.sections.plan).toMatch(/^1\. Rest\.\n\nPatient consented to audio recording of this visit; confirmed by Dr A\. Lee at \d\d:\d\d on 7 Dec 2026\.$/);
    expect(saved.note.sections.subjective).toBe('Sore throat.');
    // The panel is sent the note as it now stands before it is told the note is complete.
    const last = sink.ofType('snapshot').at(-1)!;
    expect(last.job.note.sections.plan).toBe(saved.note.sections.plan);
    expect(sink.updates.indexOf(last)).toBeLessThan(sink.updates.findIndex((u) => u.type === 'status' && u.status === 'complete'));
  });

  it('a note without it has no line', async () => {
    const h = harness();
    const done = h.finished();
    h.service.start('job-n', 'tab-1', REQUEST, new CollectingSink());
    h.emit(section('plan', '1. Rest.'));
    h.emit({ type: 'done' });
    await done;
    expect(h.saved.get('job-n')!.note.sections.plan).toBe('1. Rest.');
    expect(h.saved.get('job-n')!.consent).toBeUndefined();
  });
});
