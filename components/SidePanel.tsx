import type { Signal } from '@preact/signals';
import type { Specialty } from '@/lib/api/specialties';
import type { ChartStore } from '@/lib/panel/chart-store';
import type { FieldMappingStore } from '@/lib/panel/field-mapping-store';
import { safetyInputOf } from '@/lib/panel/safety-input';
import type { InsertStore } from '@/lib/panel/insert-store';
import type { PanelStore } from '@/lib/panel/panel-store';
import type { RecorderStore } from '@/lib/panel/recorder-store';
import type { UnfinishedRecordingsStore } from '@/lib/panel/unfinished-recordings';
import { formatNoteHtml, formatNotePlainText } from '@/lib/note/clipboard';
import type { NoteSections as Sections } from '@/lib/note/sections';
import { writeClipboard } from '@/lib/platform/clipboard';
import { statusText } from '@/lib/panel/status-text';
import { idleNoticeText } from '@/lib/panel/idle-notice-text';
import type { IdleClearNotice } from '@/lib/storage/activity';
import { ErrorAlert } from './ErrorAlert';
import { FieldMapper } from './FieldMapper';
import { SafetyChecks } from './SafetyChecks';
import { ShortcutsHelp } from './ShortcutsHelp';
import { InsertResult } from './InsertResult';
import { NoteExtras } from './NoteExtras';
import { MissingExtras } from './MissingExtras';
import { TestKeyNotice } from './TestKeyNotice';
import type { TestKeyNotice as TestKeyNoticeStore } from '@/lib/panel/test-key-notice';
import { NoteOptions } from './NoteOptions';
import { NoteSections } from './NoteSections';
import { PatientContext } from './PatientContext';
import { Recorder } from './Recorder';
import { TranscriptInput } from './TranscriptInput';
import { TranscriptOffer } from './TranscriptOffer';
import { UnfinishedRecordings } from './UnfinishedRecordings';
import type { NoteHistoryStore } from '@/lib/panel/note-history-store';
import type { VisitHistoryDeps } from '@/lib/panel/visit-history-store';
import { NoteHistoryRegion } from './NoteHistoryRegion';
import { VisitHistoryRegion } from './VisitHistoryRegion';

export interface SidePanelProps {
  store: PanelStore;
  chart: ChartStore;
  inserting?: InsertStore;
  mapping?: FieldMappingStore;
  specialties: Signal<Specialty[]>;
  onOpenSettings(): void;
  onPopOut?: () => void;
  /** The microphone recorder and file upload (one per panel page: it outlives tab switches). */
  recorder?: RecorderStore;
  unfinished?: UnfinishedRecordingsStore;
  /** A stored recording (status `stopped`, every chunk saved) is ready to be made into a note. */
  onSubmitRecording?: (recordingId: string) => void;
  /** The visit-history summary for the bound chart's patient. */
  visitHistory?: VisitHistoryDeps;
  /** This browser session's notes, to reopen. */
  noteHistory?: NoteHistoryStore;
  /** Opens the clean print page for a patient summary. */
  onPrintSummary?: (summary: string) => Promise<void>;
  /** The idle timeout cleared patient data before this panel opened (until the clinician acts). */
  idleNotice?: Signal<IdleClearNotice | undefined>;
  /** Said once when a chart is read with a test key. */
  testKeyNotice?: TestKeyNoticeStore;
}

export function SidePanel({ store, chart, inserting, mapping, specialties, onOpenSettings, onPopOut, recorder, unfinished, onSubmitRecording, visitHistory, noteHistory, onPrintSummary, idleNotice, testKeyNotice }: SidePanelProps) {
  const running = store.running.value;
  const status = store.status.value;
  const incomplete = status === 'incomplete';
  const text = statusText({
    status,
    writingSection: store.writingSection.value,
    retrying: store.retrying.value,
    hasNote: store.hasNote.value,
    audio: store.audio.value,
    whole: store.wholeDelivery.value,
  });
  const fromRecording = store.recordingId.value !== undefined;
  return (
    <main class="stack" style={{ padding: '0.75rem' }} aria-busy={running}>
      <header class="row" style={{ justifyContent: 'space-between' }}>
        <h1>Chartside</h1>
        <div class="row">
          {onPopOut && (
            <button type="button" class="link" onClick={onPopOut}>
              Pop out
            </button>
          )}
          <button type="button" class="link" onClick={onOpenSettings}>
            Settings
          </button>
        </div>
      </header>

      <PatientContext store={chart} disabled={running} />
      {testKeyNotice && <TestKeyNotice notice={testKeyNotice} onOpenSettings={onOpenSettings} />}
      {visitHistory && <VisitHistoryRegion deps={visitHistory} onOpenSettings={onOpenSettings} />}

      {recorder && onSubmitRecording && <Recorder store={recorder} onSubmitRecording={onSubmitRecording} />}
      {unfinished && onSubmitRecording && <UnfinishedRecordings store={unfinished} onSubmitRecording={onSubmitRecording} />}

      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          store.generate();
        }}
      >
        <TranscriptInput transcript={store.transcript} length={store.transcriptLength.value} />
        {store.offeredTranscript.value !== undefined && (
          <TranscriptOffer onUse={store.useOfferedTranscript} onKeep={store.dismissOfferedTranscript} />
        )}
        <NoteOptions
          specialties={specialties.value}
          specialty={store.specialty}
          template={store.template}
          includeBillingCodes={store.includeBillingCodes}
          includePatientSummary={store.includePatientSummary}
          customInstructions={store.customInstructions}
          disabled={running}
        />
        <div class="row">
          <button type="submit" class="primary" disabled={running}>
            Generate note
          </button>
          {running && (
            <button type="button" onClick={store.stop}>
              Stop
            </button>
          )}
          <span class="hint" style={{ margin: 0 }}>
            Ctrl+Enter
          </span>
        </div>
      </form>

      <p role="status" class="status">
        {text || (idleNotice?.value && idleNoticeText(idleNotice.value))}
      </p>
      <ErrorAlert
        problem={store.problem.value}
        error={status === 'error' || incomplete ? store.error.value : undefined}
        incomplete={incomplete ? { reason: store.interruption.value } : undefined}
        recording={fromRecording ? { canRetry: store.canRetryRecording.value } : undefined}
        onOpenSettings={onOpenSettings}
        onRetry={store.retry}
      />

      <NoteSections
        sections={store.sections.value}
        streaming={store.locked.value}
        writing={store.writingSection.value}
        incomplete={incomplete}
        onEdit={store.editSection}
        insert={inserting && { busy: inserting.busy.value, section: (s) => void inserting.insertSection(s), all: () => void inserting.insertAll() }}
      />
      <NoteExtras store={store} inserting={inserting} onPrintSummary={onPrintSummary} />
      <MissingExtras store={store} />
      {store.hasNote.value && !store.locked.value && (
        <SafetyChecks
          input={safetyInputOf({
            sections: store.sections.value,
            transcript: store.transcript.value,
            chart: chart.chart.value,
            excluded: chart.excluded.value,
            manual: chart.manual.value,
            omitName: chart.omitName.value,
          })}
        />
      )}
      {inserting && store.hasNote.value && (
        <div class="stack">
          <div class="row">
            <label class="checkbox">
              <input type="checkbox" checked={inserting.replace.value} onChange={(e) => (inserting.replace.value = e.currentTarget.checked)} />
              <span>Replace text already in the EHR’s fields</span>
            </label>
            {inserting.canUndo.value && (
              <button type="button" onClick={() => void inserting.undo()} disabled={inserting.busy.value}>
                Undo insert
              </button>
            )}
          </div>
          <InsertResult store={inserting} onCopy={() => void copyWholeNote(store.sections.value)} />
        </div>
      )}
      {mapping && <FieldMapper store={mapping} />}
      {noteHistory && <NoteHistoryRegion store={noteHistory} specialties={specialties.value} onOpenSettings={onOpenSettings} />}
      <ShortcutsHelp />
    </main>
  );
}

function copyWholeNote(sections: Sections): Promise<void> {
  return writeClipboard({ text: formatNotePlainText(sections), html: formatNoteHtml(sections) });
}
