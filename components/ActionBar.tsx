import type { ComponentChildren } from 'preact';
import { formatNoteHtml, formatNotePlainText } from '@/lib/note/clipboard';
import { SOAP_SECTIONS } from '@/lib/note/sections';
import type { InsertStore } from '@/lib/panel/insert-store';
import type { PanelStore } from '@/lib/panel/panel-store';
import type { RecorderStore } from '@/lib/panel/recorder-store';
import { CopyButton } from './CopyButton';
import { InsertResult } from './InsertResult';
import { RecorderMessages } from './RecorderMessages';
import { RecordingControls } from './RecordingControls';

export interface ActionBarProps {
  store: PanelStore;
  inserting?: InsertStore | undefined;
  recorder?: { store: RecorderStore; onSubmitRecording(recordingId: string): void } | undefined;
  /** The status line's words (statusText, or the idle notice). */
  status: string;
  /** The generation's error, shown where Generate note and its Retry are. */
  error: ComponentChildren;
  /** undefined: no safety summary (no finished note yet). */
  /** `summary`: the review's one line (note-review.ts); undefined while the checks load. */
  safety?: { summary: string | undefined; onReview(): void } | undefined;
  onCopyNote(): void;
  /** The id of the transcript form Generate note submits. */
  formId: string;
}

/**
 * The panel's main actions, in view in every state at the foot of the panel while the rest scrolls:
 * record, generate (and stop), insert all, copy, undo. Above them, what those actions have to say:
 * progress, errors, the insert's result, and the safety checks' summary right above Insert all.
 */
export function ActionBar({ store, inserting, recorder, status, error, safety, onCopyNote, formId }: ActionBarProps) {
  const running = store.running.value;
  const hasNote = store.hasNote.value;
  const sections = store.sections.value;
  const empty = SOAP_SECTIONS.every((s) => sections[s].trim() === '');
  return (
    <div class="action-bar" role="region" aria-label="Actions">
      <div class="action-messages">
        {recorder && <RecorderMessages store={recorder.store} />}
        <p role="status" class="status">
          {status}
        </p>
        {error}
        {inserting && hasNote && <InsertResult store={inserting} onCopy={onCopyNote} />}
        {safety && (
          <p class="safety-summary">
            <span>{safety.summary ?? 'Safety checks: checking…'}</span>{' '}
            <button type="button" class="link" aria-label="Review safety checks" onClick={safety.onReview}>
              Review
            </button>
          </p>
        )}
      </div>
      {/* Making the note, then using it: two rows that each fit 320 px. */}
      <div class="row">
        {recorder && <RecordingControls store={recorder.store} onSubmitRecording={recorder.onSubmitRecording} emphasis={!hasNote} />}
        <button type="submit" form={formId} class={hasNote ? undefined : 'primary'} disabled={running || store.regenerating.value !== undefined}>
          Generate note
        </button>
        {running && (
          <button type="button" onClick={store.stop}>
            Stop
          </button>
        )}
      </div>
      <div class="row">
        {inserting && (
          <button type="button" class={hasNote ? 'primary' : undefined} disabled={empty || store.locked.value || store.regenerating.value !== undefined || inserting.busy.value} onClick={() => void inserting.insertAll()}>
            Insert all
          </button>
        )}
        <CopyButton label="Copy note" disabled={empty} content={() => ({ text: formatNotePlainText(sections), html: formatNoteHtml(sections) })} />
        {inserting?.canUndo.value && (
          <button type="button" onClick={() => void inserting.undo()} disabled={inserting.busy.value}>
            Undo insert
          </button>
        )}
      </div>
    </div>
  );
}
