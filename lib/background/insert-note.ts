import { browser } from 'wxt/browser';
import type { PatientIdentity } from '../ehr/chart-context';
import { checkSamePatient } from '../ehr/same-patient';
import { isFieldList, isFieldReportList, type FieldReport, type FieldTarget, type InsertMode } from '../messaging/insert';
import { formatNotePlainText } from '../note/clipboard';
import { emptySections, SOAP_SECTIONS, type NoteSections, type SoapSection } from '../note/sections';
import { INSERTER_FILE } from '../platform/content-script-registration';
import { loadTaughtFields } from '../storage/field-maps';
import { ask, reachableFrames, readIdentityInTab } from './chart-reading';
import { reinjectReaderIfEnabled, siteStatus } from './site-access';

export interface InsertRequest {
  tabId: number;
  /** The sections to insert, as edited in the panel; all four for Insert all. */
  sections: Partial<NoteSections>;
  mode: InsertMode;
  /** Who the note was written for (read from the chart when it was generated). */
  patient?: PatientIdentity;
}

export type InsertOutcome =
  | { kind: 'done'; reports: FieldReport[] }
  | { kind: 'wrong-patient'; expected: PatientIdentity; found?: PatientIdentity }
  | { kind: 'no-access' }
  | { kind: 'no-fields' };

/** Frames of each tab that the last insert changed, so Undo insert asks only them. Not PHI. */
const lastInsertFrames = new Map<number, number[]>();

export async function injectInserter(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [INSERTER_FILE] as never });
}

/**
 * Inserts the note into the tab's EHR fields: only on an enabled site, only if the chart still shows
 * the patient the note was written for, each section into the frame that has its field, or the whole
 * note into a single note field where the EHR has one.
 */
export async function insertNote(request: InsertRequest): Promise<InsertOutcome> {
  const { tabId } = request;
  const site = await siteStatus(tabId);
  if (site.kind !== 'enabled') return { kind: 'no-access' };

  // The tab's frames, listed once: for the patient check, then for finding and filling the fields.
  const frames = await reachableFrames(tabId);
  const check = checkSamePatient(request.patient, await readIdentityInTab(tabId, frames, { reinject: (ids) => reinjectReaderIfEnabled(tabId, ids) }));
  if (!check.ok) return { kind: 'wrong-patient', expected: check.expected, found: check.found };

  // Fields the clinician mapped on this site replace what the adapters would find.
  const taught = await loadTaughtFields(site.origin);
  await injectInserter(tabId);
  const fieldsByFrame = new Map<number, FieldTarget[]>();
  for (const frameId of frames) {
    const fields = await ask(tabId, frameId, { type: 'fields:find', ...(taught ? { taught } : {}) });
    if (isFieldList(fields) && fields.length > 0) fieldsByFrame.set(frameId, fields);
  }
  const plan = planInsert(request.sections, fieldsByFrame);
  if (plan.size === 0 && !taught) return { kind: 'no-fields' };

  const reports: FieldReport[] = [];
  for (const [frameId, entries] of plan) {
    const answer = await ask(tabId, frameId, { type: 'fields:fill', entries: entries.map((e) => ({ ...e, mode: request.mode })), ...(taught ? { taught } : {}) });
    if (isFieldReportList(answer)) reports.push(...answer);
    else reports.push(...entries.map((e): FieldReport => ({ target: e.target, status: 'failed', reason: 'The page did not answer.' })));
  }
  lastInsertFrames.set(tabId, [...plan.keys()]);
  // Sections asked for that no frame has a field for.
  const planned = new Set([...plan.values()].flat().map((e) => e.target));
  for (const section of sectionsIn(request.sections)) {
    if (planned.has(section) || planned.has('note')) continue;
    const mapped = taught?.[section] ?? taught?.note;
    reports.push(mapped ? { target: taught?.[section] ? section : 'note', status: 'not-found', reason: MAPPED_FIELD_GONE } : { target: section, status: 'not-found' });
  }
  return { kind: 'done', reports: dedupeReports(reports) };
}

/** Said when a field taught with Map fields is no longer on the page. */
export const MAPPED_FIELD_GONE = 'The field you mapped for it is not on this page any more. Open the note form, or choose Map fields to teach it again.';

/** One report per field (a whole-note field missing is said once, not once per section). */
function dedupeReports(reports: FieldReport[]): FieldReport[] {
  const seen = new Set<string>();
  return reports.filter((r) => !seen.has(r.target) && seen.add(r.target));
}

/** Restores every field the last insert in this tab changed, through the editors themselves. */
export async function undoInsert(tabId: number): Promise<FieldReport[]> {
  const reports: FieldReport[] = [];
  for (const frameId of lastInsertFrames.get(tabId) ?? []) {
    const answer = await ask(tabId, frameId, { type: 'fields:undo' });
    if (isFieldReportList(answer)) reports.push(...answer);
  }
  lastInsertFrames.delete(tabId);
  return reports;
}

function sectionsIn(sections: Partial<NoteSections>): SoapSection[] {
  return SOAP_SECTIONS.filter((s) => (sections[s] ?? '').trim() !== '');
}

/**
 * Which frame gets which text. Section fields win (the first frame, top first, that has each);
 * where the page has no section fields at all but one note field, the note goes there whole, with
 * its headings.
 */
export function planInsert(sections: Partial<NoteSections>, fieldsByFrame: ReadonlyMap<number, readonly FieldTarget[]>): Map<number, { target: FieldTarget; text: string }[]> {
  const plan = new Map<number, { target: FieldTarget; text: string }[]>();
  const add = (frameId: number, target: FieldTarget, text: string) => plan.set(frameId, [...(plan.get(frameId) ?? []), { target, text }]);
  const wanted = sectionsIn(sections);
  const frameWith = (target: FieldTarget) => [...fieldsByFrame].find(([, fields]) => fields.includes(target))?.[0];
  const anySectionField = SOAP_SECTIONS.some((s) => frameWith(s) !== undefined);
  if (anySectionField) {
    for (const section of wanted) {
      const frameId = frameWith(section);
      if (frameId !== undefined) add(frameId, section, sections[section]!);
    }
    return plan;
  }
  const noteFrame = frameWith('note');
  if (noteFrame !== undefined && wanted.length > 0) {
    const text = formatNotePlainText({ ...emptySections(), ...Object.fromEntries(wanted.map((s) => [s, sections[s]!])) });
    add(noteFrame, 'note', text);
  }
  return plan;
}
