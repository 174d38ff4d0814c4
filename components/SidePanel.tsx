import type { Signal } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Specialty } from '@/lib/api/specialties';
import type { ChartStore } from '@/lib/panel/chart-store';
import type { FieldMappingStore } from '@/lib/panel/field-mapping-store';
import { safetyInputOf } from '@/lib/panel/safety-input';
import type { InsertStore } from '@/lib/panel/insert-store';
import type { PanelStore } from '@/lib/panel/panel-store';
import type { RecorderStore } from '@/lib/panel/recorder-store';
import type { UnfinishedRecordingsStore } from '@/lib/panel/unfinished-recordings';
import { formatNoteHtml, formatNotePlainText } from '@/lib/note/clipboard';
import { emptySections, type NoteSections as Sections, type SoapSection } from '@/lib/note/sections';
import { writeClipboard } from '@/lib/platform/clipboard';
import { statusText } from '@/lib/panel/status-text';
import { idleNoticeText } from '@/lib/panel/idle-notice-text';
import type { IdleClearNotice } from '@/lib/storage/activity';
import { ErrorAlert } from './ErrorAlert';
import { SafetyChecks } from './SafetyChecks';
import { useNoteReview } from './note-review';
import type { EvidenceSelection } from './NoteEvidence';
import { ActionBar } from './ActionBar';
import { Disclosure } from './Disclosure';
import { ShortcutsHelp } from './ShortcutsHelp';
import { TestKeyNotice } from './TestKeyNotice';
import type { TestKeyNotice as TestKeyNoticeStore } from '@/lib/panel/test-key-notice';
import { NoteOptions, type NamedTemplatesProps } from './NoteOptions';
import type { StyleRule } from '@/lib/note/style-rules';
import type { RulesSaved } from '@/lib/storage/style-rules';
import { NoteSections } from './NoteSections';
import { PatientContext } from './PatientContext';
import { Recorder } from './Recorder';
import { TranscriptInput } from './TranscriptInput';
import { TranscriptOffer } from './TranscriptOffer';
import type { NoteHistoryStore } from '@/lib/panel/note-history-store';
import type { VisitHistoryDeps } from '@/lib/panel/visit-history-store';
import { lazyComponent } from './lazy-module';

// Parts only some visits show, loaded when first shown: the panel's start-up code stays small (60 KB aim).
const NoteExtras = lazyComponent(() => import('./NoteExtras').then((m) => m.NoteExtras));
const MissingExtras = lazyComponent(() => import('./MissingExtras').then((m) => m.MissingExtras));
const UnfinishedRecordings = lazyComponent(() => import('./UnfinishedRecordings').then((m) => m.UnfinishedRecordings));
const FieldMapper = lazyComponent(() => import('./FieldMapper').then((m) => m.FieldMapper));
const NoteHistoryRegion = lazyComponent(() => import('./NoteHistoryRegion').then((m) => m.NoteHistoryRegion));
const NoteEvidence = lazyComponent(() => import('./NoteEvidence').then((m) => m.NoteEvidence));
const NotInTheNote = lazyComponent(() => import('./NotInTheNote').then((m) => m.NotInTheNote));
const StyleRulesUsed = lazyComponent(() => import('./StyleRulesUsed').then((m) => m.StyleRulesUsed));
const AddStyleRule = lazyComponent(() => import('./AddStyleRule').then((m) => m.AddStyleRule));
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
  /** Whether Note options is unfolded: remembered across visits (lib/storage/panel-layout.ts). */
  optionsOpen?: Signal<boolean>;
  onOptionsToggle?: (open: boolean) => void;
  /** Saves a style rule written in the panel with the clinician's others (settings). */
  onAddStyleRule?: (rule: StyleRule) => Promise<RulesSaved>;
  /** Note extras the organisation's policy forbids (lib/storage/managed-policy.ts). */
  forbiddenExtras?: Signal<{ billingCodes: boolean; patientSummary: boolean }>;
  /** The clinician's named templates for the Template list (NoteOptions.tsx). */
  namedTemplates?: NamedTemplatesProps;
}

const FORM_ID = 'note-form';

/**
 * The side panel, laid out so the main job needs no scrolling at 400 × 800: the patient in one line
 * at the top (Patient context, folded to a count), the action bar at the foot (ActionBar.tsx), and
 * between them what the moment needs — the transcript and recorder before a note, the note once one
 * exists, with the transcript shrunk to a line. Everything else (options, extras, history, field
 * mapping) is below, folded or further down; every control keeps its name (shared/UI-CONTRACT.md).
 */
export function SidePanel(props: SidePanelProps) {
  const { store, chart, inserting, mapping, specialties, onOpenSettings, onPopOut, recorder, unfinished, onSubmitRecording, visitHistory, noteHistory, onPrintSummary, idleNotice, testKeyNotice } = props;
  const running = store.running.value;
  const status = store.status.value;
  const incomplete = status === 'incomplete';
  const hasNote = store.hasNote.value;
  const locked = store.locked.value;
  const text = statusText({
    status,
    writingSection: store.writingSection.value,
    retrying: store.retrying.value,
    hasNote,
    audio: store.audio.value,
    whole: store.wholeDelivery.value,
  });
  const fromRecording = store.recordingId.value !== undefined;
  // The note is the view once it exists, or while it is being written.
  const noteView = hasNote || running;
  const [noteByHand, setNoteByHand] = useState(false);
  const [transcriptOpen, setTranscriptOpen] = useState(false);
  const optionsOpen = props.optionsOpen?.value ?? false;
  const [optionsSeen, setOptionsSeen] = useState(optionsOpen);
  const setOptionsOpen = (open: boolean) => {
    if (open) setOptionsSeen(true);
    if (props.optionsOpen) props.optionsOpen.value = open;
    props.onOptionsToggle?.(open);
  };

  const scroller = useRef<HTMLDivElement>(null);
  const noteHeading = useRef<HTMLHeadingElement>(null);
  const safetyHeading = useRef<HTMLHeadingElement>(null);
  useNoteComesIntoView({ running, ready: status === 'complete', scroller, noteHeading, onStart: () => setTranscriptOpen(false) });

  // What the note is checked against, apart from the note itself: kept as one object while only the
  // note is edited, so the review knows an edit from a new note (note-review.ts debounces edits only).
  // A recording's note rests on the transcript that came back with it, even while it is only offered.
  const reviewBase = useMemo(
    () =>
      hasNote && !locked
        ? safetyInputOf({
            sections: emptySections(),
            transcript: store.offeredTranscript.value ?? store.transcript.value,
            chart: chart.chart.value,
            excluded: chart.excluded.value,
            manual: chart.manual.value,
            omitName: chart.omitName.value,
          })
        : undefined,
    [hasNote, locked, store.offeredTranscript.value, store.transcript.value, chart.chart.value, chart.excluded.value, chart.manual.value, chart.omitName.value],
  );
  const safetyInput = useMemo(() => reviewBase && { ...reviewBase, sections: store.sections.value }, [reviewBase, store.sections.value]);
  const review = useNoteReview(safetyInput, running || store.regenerating.value !== undefined);
  const findings = review?.findings;
  const [selection, setSelection] = useState<EvidenceSelection | undefined>(undefined);
  useEffect(() => {
    if (running) setSelection(undefined);
  }, [running]);
  const addToSection = (section: SoapSection, text: string, added: { start: number; end: number }) => {
    store.editSection(section, text);
    // Selected in its box once drawn, to be reworded at once.
    requestAnimationFrame(() => {
      const box = document.getElementById(`section-${section}`) as HTMLTextAreaElement | null;
      box?.focus();
      box?.setSelectionRange(added.start, added.end);
    });
  };
  const specialtyLabel = specialties.value.find((s) => s.id === store.specialty.value)?.label ?? store.specialty.value;

  return (
    <main class="panel" aria-busy={running}>
      <div class="panel-scroll stack" ref={scroller}>
        <header class="row panel-header">
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

        <PatientContext store={chart} disabled={running} notePatient={hasNote ? store.patient.value : undefined} />

        <NoteSections
          sections={store.sections.value}
          streaming={locked}
          writing={store.writingSection.value}
          incomplete={incomplete}
          onEdit={store.editSection}
          insert={inserting && { busy: inserting.busy.value, section: (s) => void inserting.insertSection(s) }}
          folded={!noteView && !noteByHand}
          onUnfold={() => setNoteByHand(true)}
          headingRef={noteHeading}
          onCaret={review ? (section, offset) => setSelection({ section, offset }) : undefined}
          regenerate={{
            available: hasNote && !locked && store.extrasRequest.value?.status !== 'running',
            running: store.regenerating.value,
            apiAt: store.regeneration.value?.apiAt,
            failed: store.regeneration.value?.status === 'error' && store.regeneration.value.error
              ? { section: store.regeneration.value.section, error: store.regeneration.value.error }
              : undefined,
            undoable: store.undoRegenerate.value?.section,
            run: store.regenerateSection,
            undo: store.undoRegeneration,
            stop: store.stopRegeneration,
          }}
        />
        {hasNote && store.rulesUsed.value && store.rulesUsed.value.length > 0 && <StyleRulesUsed rules={store.rulesUsed.value} />}
        {testKeyNotice && <TestKeyNotice notice={testKeyNotice} onOpenSettings={onOpenSettings} />}
        {inserting && hasNote && (
          <label class="checkbox">
            <input type="checkbox" checked={inserting.replace.value} onChange={(e) => (inserting.replace.value = e.currentTarget.checked)} />
            <span>Replace text already in the EHR’s fields</span>
          </label>
        )}
        {safetyInput && <SafetyChecks findings={findings} headingRef={safetyHeading} />}
        {review && <NoteEvidence review={review} selection={selection} onSelect={setSelection} />}
        {review && <NotInTheNote review={review} sections={store.sections.value} onAdd={addToSection} />}
        {hasNote && <NoteExtras store={store} inserting={inserting} onPrintSummary={onPrintSummary} />}
        {store.missingExtras.value.length > 0 && <MissingExtras store={store} />}

        <form
          id={FORM_ID}
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            store.generate();
          }}
        >
          <TranscriptInput
            transcript={store.transcript}
            length={store.transcriptLength.value}
            fold={noteView ? { open: transcriptOpen, onToggle: setTranscriptOpen } : undefined}
          />
          {store.offeredTranscript.value !== undefined && (
            <TranscriptOffer onUse={store.useOfferedTranscript} onKeep={store.dismissOfferedTranscript} />
          )}
          <Disclosure
            label="Note options"
            summary={optionsSummary(specialtyLabel, store.template.value, store.includeBillingCodes.value, store.includePatientSummary.value)}
            open={optionsOpen}
            onToggle={setOptionsOpen}
            id="note-options"
          >
            <NoteOptions
              specialties={specialties.value}
              specialty={store.specialty}
              template={store.template}
              includeBillingCodes={store.includeBillingCodes}
              includePatientSummary={store.includePatientSummary}
              customInstructions={store.customInstructions}
              disabled={running}
              forbidden={props.forbiddenExtras?.value}
              {...(props.namedTemplates && { namedTemplates: props.namedTemplates })}
            />
            {props.onAddStyleRule && optionsSeen && <AddStyleRule specialty={{ id: store.specialty.value, label: specialtyLabel }} onAdd={props.onAddStyleRule} />}
            {/* Loaded the first time the options are opened, not with the panel. */}
            {visitHistory && optionsSeen && <VisitHistoryRegion deps={visitHistory} onOpenSettings={onOpenSettings} />}
          </Disclosure>
        </form>

        {recorder && onSubmitRecording && <Recorder store={recorder} onSubmitRecording={onSubmitRecording} />}
        {unfinished && onSubmitRecording && (unfinished.items.value.length > 0 || unfinished.problem.value) && (
          <UnfinishedRecordings store={unfinished} onSubmitRecording={onSubmitRecording} />
        )}
        {mapping && <FieldMapper store={mapping} />}
        {noteHistory && <NoteHistoryRegion store={noteHistory} specialties={specialties.value} onOpenSettings={onOpenSettings} />}
        <ShortcutsHelp />
      </div>

      <ActionBar
        store={store}
        inserting={inserting}
        recorder={recorder && onSubmitRecording ? { store: recorder, onSubmitRecording } : undefined}
        status={text || (idleNotice?.value ? idleNoticeText(idleNotice.value) : '')}
        error={
          <ErrorAlert
            problem={store.problem.value}
            error={status === 'error' || incomplete ? store.error.value : undefined}
            incomplete={incomplete ? { reason: store.interruption.value } : undefined}
            recording={fromRecording ? { canRetry: store.canRetryRecording.value } : undefined}
            onOpenSettings={onOpenSettings}
            onRetry={store.retry}
          />
        }
        safety={safetyInput ? { summary: review?.summary, onReview: () => safetyHeading.current?.focus() } : undefined}
        onCopyNote={() => void copyWholeNote(store.sections.value)}
        formId={FORM_ID}
      />
    </main>
  );
}

/** "Physician · standard · billing codes": what Generate note will ask for, while the options are folded. */
function optionsSummary(specialty: string, template: string, billing: boolean, summary: boolean): string {
  return [specialty, template.trim() || 'standard', billing && 'billing codes', summary && 'patient summary'].filter(Boolean).join(' · ');
}

/** Typing somewhere the clinician would lose their place if focus moved. */
function isTyping(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'file'].includes(element.type);
  return (element as HTMLElement).isContentEditable === true;
}

/**
 * When a note starts, the panel shows it (scrolled to the top, where the note sits); when it is
 * ready, focus goes to its heading so a screen reader says "Note" and Tab continues into the
 * sections — unless the clinician is typing somewhere, which is never interrupted.
 */
function useNoteComesIntoView(deps: {
  running: boolean;
  ready: boolean;
  scroller: { current: HTMLDivElement | null };
  noteHeading: { current: HTMLHeadingElement | null };
  onStart(): void;
}) {
  const { running, ready, scroller, noteHeading, onStart } = deps;
  const wasRunning = useRef(running);
  useEffect(() => {
    const started = running && !wasRunning.current;
    const finished = !running && wasRunning.current;
    wasRunning.current = running;
    if (started) {
      onStart();
      if (!isTyping(document.activeElement)) scroller.current?.scrollTo({ top: 0 });
    }
    if (finished && ready && !isTyping(document.activeElement)) {
      noteHeading.current?.focus({ preventScroll: true });
      scroller.current?.scrollTo({ top: 0 });
    }
  }, [running, ready]);
}

function copyWholeNote(sections: Sections): Promise<void> {
  return writeClipboard({ text: formatNotePlainText(sections), html: formatNoteHtml(sections) });
}
