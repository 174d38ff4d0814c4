/** What the panel says happened to each field after an insert or an undo (a benchmark checks these words too). */
export const FIELD_REPORT_WORDS = {
  inserted: 'inserted',
  appended: 'added after the text already there',
  replaced: 'replaced the text that was there',
  'not-found': 'no field for it on this page',
  failed: 'the field would not take the text',
  restored: 'restored to what it was',
} as const;
