import type { FieldTarget } from '../messaging/insert';

/** What Map fields (panel) and the options page's mapped-field list call each field. */
export const MAPPED_FIELD_NAMES: Record<FieldTarget, string> = { subjective: 'Subjective', objective: 'Objective', assessment: 'Assessment', plan: 'Plan', note: 'Whole note' };
