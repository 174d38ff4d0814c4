import { computed, signal } from '@preact/signals';
import type { ApiErrorInfo } from '../api/errors';
import type { PatientIdentity } from '../ehr/chart-context';
import type { FieldReportInfo, InsertOutcomeInfo, Result } from '../messaging/request-background';
import type { NoteSections, SoapSection } from '../note/sections';

export interface InsertStoreDeps {
  tabId: number | undefined;
  insert(request: { tabId: number; sections: Partial<NoteSections>; mode: 'append' | 'replace'; patient?: PatientIdentity }): Promise<Result<InsertOutcomeInfo>>;
  undo(tabId: number): Promise<Result<FieldReportInfo[]>>;
  /** The note as the clinician edited it, and who it was written for. */
  note(): { sections: NoteSections; patient?: PatientIdentity };
}

/**
 * Inserting the note into the EHR from the panel: what was asked, what happened per field, and the
 * undo of the last insert. The background does the work and the patient check.
 */
export function createInsertStore(deps: InsertStoreDeps) {
  const busy = signal(false);
  const replace = signal(false);
  const outcome = signal<InsertOutcomeInfo | undefined>(undefined);
  const undone = signal<FieldReportInfo[] | undefined>(undefined);
  const error = signal<ApiErrorInfo | undefined>(undefined);
  const canUndo = computed(() => outcome.value?.kind === 'done' && outcome.value.reports.some((r) => r.status !== 'not-found' && r.status !== 'failed'));

  async function run(sections: Partial<NoteSections>, mode?: 'append'): Promise<void> {
    if (deps.tabId === undefined || busy.value) return;
    busy.value = true;
    error.value = undefined;
    undone.value = undefined;
    try {
      const { patient } = deps.note();
      const result = await deps.insert({ tabId: deps.tabId, sections, mode: mode ?? (replace.value ? 'replace' : 'append'), ...(patient ? { patient } : {}) });
      if (result.ok) outcome.value = result.data;
      else error.value = result.error;
    } finally {
      busy.value = false;
    }
  }

  const insertSection = (section: SoapSection) => run({ [section]: deps.note().sections[section] });
  const insertAll = () => run(deps.note().sections);
  /**
   * Extra text (billing codes, the patient summary) into one section's field, through the same path
   * and patient check as a section. Always added after what the field holds, whatever the Replace
   * choice: codes and a summary belong beside the section's text, never instead of it.
   */
  const insertText = (section: SoapSection, text: string) => (text.trim() === '' ? Promise.resolve() : run({ [section]: text }, 'append'));

  async function undo(): Promise<void> {
    if (deps.tabId === undefined || busy.value) return;
    busy.value = true;
    try {
      const result = await deps.undo(deps.tabId);
      if (result.ok) {
        undone.value = result.data;
        outcome.value = undefined;
      } else error.value = result.error;
    } finally {
      busy.value = false;
    }
  }

  return { busy, replace, outcome, undone, error, canUndo, insertSection, insertAll, insertText, undo };
}

export type InsertStore = ReturnType<typeof createInsertStore>;
