import type { SoapSection } from '../note/sections';
import type { ChartContext, PatientIdentity } from './chart-context';

/**
 * One EHR's knowledge: how to recognise its pages, read a chart from them, find the note fields,
 * and read who the patient is. Adapters are pure functions of a Document (and its URL) so tests
 * feed them fixture DOMs; they never touch the network or storage.
 */
export interface EhrAdapter {
  /** Short stable id recorded in every item's source (`generic`, `openemr`, `openmrs`, `medplum`). */
  readonly id: string;
  /** Human name for the panel ("OpenEMR"). */
  readonly name: string;
  /**
   * How sure the adapter is that this page is its EHR: 0 = not at all. The registry picks the
   * highest score; the generic adapter answers 1 for every page, so any real match beats it.
   */
  matches(doc: Document, url: URL): number;
  /** Reads the chart shown in this document (one frame). Never throws on odd markup: returns what it could read. */
  readChart(doc: Document, url: URL): ChartContext;
  /** Reads only who the patient is: cheap, called again before every insert. */
  readIdentity(doc: Document, url: URL): PatientIdentity;
  /** The note fields of this page, by section; `note` when the EHR has one free-text note field. */
  findNoteFields(doc: Document, url: URL): NoteFields;
}

export type NoteFields = Partial<Record<SoapSection | 'note', Element>>;

/**
 * What the chart reader in every frame knows of an EHR without its adapter: its id and how to
 * recognise its pages. The adapter itself is loaded into a frame only once this recognises it.
 */
export type EhrRecogniser = Pick<EhrAdapter, 'id' | 'name' | 'matches'>;

/**
 * What the chart reader needs of an adapter it carries (the generic one): the reads, without the
 * note fields, which only the inserter looks for. `readChartInSlices`, where an adapter has it, is
 * `readChart` giving the page's main thread back between its passes (lib/ehr/passes.ts): the chart
 * reader in a page uses it, so reading a large chart is no long task there.
 */
export type ChartReader = Omit<EhrAdapter, 'findNoteFields'> & {
  readChartInSlices?(doc: Document, url: URL): Promise<ChartContext>;
};
