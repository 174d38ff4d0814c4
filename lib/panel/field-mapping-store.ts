import { signal } from '@preact/signals';
import type { ApiErrorInfo } from '../api/errors';
import type { FieldTarget } from '../messaging/insert';
import type { PickOutcomeInfo, Result } from '../messaging/request-background';
import type { FieldMap } from '../storage/field-maps';
import { SOAP_SECTIONS } from '../note/sections';

export interface FieldMappingDeps {
  tabId: number | undefined;
  pick(tabId: number, target: FieldTarget): Promise<Result<PickOutcomeInfo>>;
  stop(tabId: number): Promise<unknown>;
  mapOfTab(tabId: number): Promise<Result<{ map?: FieldMap }>>;
}

/** Where mapping stands: not running, waiting for the click on `steps[index]`, or ended with a word. */
export type MappingState =
  | { kind: 'idle' }
  | { kind: 'picking'; steps: FieldTarget[]; index: number }
  | { kind: 'finished'; taught: FieldTarget[] }
  | { kind: 'cancelled' }
  | { kind: 'no-access' };

/**
 * Map fields, from the panel: one step per section, each waiting for the clinician's click in the
 * page (the background and the page do the waiting). Each pick is stored as it happens; Skip moves
 * on, Cancel (or Escape in the page) ends it, keeping what was taught so far.
 */
export function createFieldMappingStore(deps: FieldMappingDeps) {
  const state = signal<MappingState>({ kind: 'idle' });
  /** The site's stored map, as last read or taught. */
  const map = signal<FieldMap | undefined>(undefined);
  const error = signal<ApiErrorInfo | undefined>(undefined);
  /** What the clinician asked for while a pick was waiting: it decides what the stopped pick means. */
  let intent: 'skip' | 'cancel' | 'whole-note' | undefined;
  let run = 0;

  async function refresh(): Promise<void> {
    if (deps.tabId === undefined) return;
    const result = await deps.mapOfTab(deps.tabId);
    if (result.ok) map.value = result.data.map;
  }

  async function start(steps: FieldTarget[] = [...SOAP_SECTIONS]): Promise<void> {
    const tabId = deps.tabId;
    if (tabId === undefined) return;
    const mine = ++run;
    error.value = undefined;
    const taught: FieldTarget[] = [];
    for (let index = 0; index < steps.length; index++) {
      if (run !== mine) return;
      state.value = { kind: 'picking', steps, index };
      intent = undefined;
      const result = await deps.pick(tabId, steps[index]!);
      if (run !== mine) return;
      if (!result.ok) {
        error.value = result.error;
        state.value = { kind: 'idle' };
        return;
      }
      const outcome = result.data;
      if (outcome.kind === 'no-access') {
        state.value = { kind: 'no-access' };
        return;
      }
      if (outcome.kind === 'picked') {
        taught.push(outcome.target);
        map.value = outcome.map;
        continue;
      }
      if (intent === 'skip') continue;
      if (intent === 'whole-note') return start(['note']);
      state.value = taught.length > 0 ? { kind: 'finished', taught } : { kind: 'cancelled' };
      return;
    }
    state.value = { kind: 'finished', taught };
  }

  async function stopWith(next: typeof intent): Promise<void> {
    if (deps.tabId === undefined || state.peek().kind !== 'picking') return;
    intent = next;
    await deps.stop(deps.tabId);
  }

  return {
    state,
    map,
    error,
    refresh,
    start,
    skip: () => stopWith('skip'),
    cancel: () => stopWith('cancel'),
    /** Teach one field for the whole note instead of one per section. */
    wholeNote: () => stopWith('whole-note'),
    dismiss: () => void (state.value = { kind: 'idle' }),
  };
}

export type FieldMappingStore = ReturnType<typeof createFieldMappingStore>;
