/** Offsets into one section's text, `end` exclusive: what a highlight covers. */
export interface TextRange {
  start: number;
  end: number;
}
