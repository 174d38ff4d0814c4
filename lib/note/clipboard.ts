import { SECTION_LABELS, SOAP_SECTIONS, type NoteSections, type SoapSection } from './sections';

/**
 * What goes on the clipboard. Note text comes from the server: in HTML every character of it is
 * escaped, so it can only ever be text, never markup.
 */

export interface PlainTextOptions {
  /** Which sections, in note order (default: all four). Empty sections are always skipped. */
  sections?: readonly SoapSection[];
  /** Put "Subjective:" etc. above each section (default true). */
  headings?: boolean;
  /** Line ending (default "\n"; some Windows EHR fields want "\r\n"). */
  newline?: '\n' | '\r\n';
}

export interface SectionTextOptions {
  /** Put the section's heading above its text (default true). */
  heading?: boolean;
}

function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

function withNewline(text: string, newline: '\n' | '\r\n'): string {
  return newline === '\n' ? text : text.replace(/\n/g, newline);
}

/** "Subjective:\n…\n\nObjective:\n…", skipping empty sections. */
export function formatNotePlainText(sections: NoteSections, opts: PlainTextOptions = {}): string {
  const wanted = opts.sections ?? SOAP_SECTIONS;
  const headings = opts.headings ?? true;
  const parts: string[] = [];
  for (const s of SOAP_SECTIONS) {
    if (!wanted.includes(s)) continue;
    const body = clean(sections[s]);
    if (body === '') continue;
    parts.push(headings ? `${SECTION_LABELS[s]}:\n${body}` : body);
  }
  return withNewline(parts.join('\n\n'), opts.newline ?? '\n');
}

/** One section as plain text ("Plan:\n…", or only its text); '' when the section is empty. */
export function formatSectionPlainText(section: SoapSection, text: string, opts: SectionTextOptions = {}): string {
  const body = clean(text);
  if (body === '') return '';
  return (opts.heading ?? true) ? `${SECTION_LABELS[section]}:\n${body}` : body;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Text as paragraphs: a blank line starts a new `<p>`, a single line break becomes `<br>`. */
function paragraphsHtml(text: string): string {
  return clean(text)
    .split(/\n[ \t]*\n\s*/)
    .map((para) => `<p>${para.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

/** `<h2>Subjective</h2><p>…</p>…`, skipping empty sections; all note text escaped. */
export function formatNoteHtml(sections: NoteSections, opts: Pick<PlainTextOptions, 'sections' | 'headings'> = {}): string {
  const wanted = opts.sections ?? SOAP_SECTIONS;
  let html = '';
  for (const s of SOAP_SECTIONS) {
    if (!wanted.includes(s)) continue;
    html += formatSectionHtml(s, sections[s], { heading: opts.headings ?? true });
  }
  return html;
}

/** One section as HTML (`<h2>Plan</h2><p>…</p>`, or only its paragraphs); '' when the section is empty. */
export function formatSectionHtml(section: SoapSection, text: string, opts: SectionTextOptions = {}): string {
  if (clean(text) === '') return '';
  const heading = (opts.heading ?? true) ? `<h2>${escapeHtml(SECTION_LABELS[section])}</h2>` : '';
  return heading + paragraphsHtml(text);
}
