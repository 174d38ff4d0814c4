/**
 * The page's note fields, by what labels them: `<label>`, `aria-label(ledby)`, the fieldset's
 * legend, a heading right before the field, the placeholder, then its name or id. Subjective /
 * Objective / Assessment / Plan and the words clinicians use for them; or one free-text field
 * labelled as the note when the page has no SOAP fields.
 */
import type { NoteFields } from '../adapter';
import type { SoapSection } from '../../note/sections';
import { isIgnoredElement, visibleText } from '../visibility';
import { replacedFieldsOf } from './replaced-field';

export const FIELD_SELECTOR = 'textarea,input:not([type]),input[type=text],[contenteditable=""],[contenteditable=true],[contenteditable=plaintext-only],[role=textbox]';

/** Whole-label synonyms per section (labels are lower-cased, punctuation trimmed). */
const EXACT: [SoapSection, RegExp][] = [
  ['subjective', /^(?:s|subjective|subj|hpi|history of present illness|chief complaints?|cc|cc\/hpi|history|subjective\/hpi|reason for visit)$/],
  ['objective', /^(?:o|objective|obj|exam|examination|physical exam(?:ination)?|pe|vitals|vital signs|findings|objective findings)$/],
  ['assessment', /^(?:a|assessment|impression|clinical impression|diagnosis|diagnoses|dx)$/],
  ['plan', /^(?:p|plan|treatment plan|plan of care|care plan|recommendations?|treatment|disposition)$/],
];
/** The section's own word may lead a longer label ("Subjective (HPI)", "Plan — today"). */
const LEADING: [SoapSection, RegExp][] = [
  ['subjective', /^(?:subjective|history of present illness|chief complaint)\b/],
  ['objective', /^(?:objective|physical exam(?:ination)?)\b/],
  ['assessment', /^(?:assessment|impression)\b(?! (?:and|&) plan)/],
  ['plan', /^(?:plan|treatment plan)\b/],
];
/**
 * Where a label's leading name ends: a sentence or clause break. CKEditor 5 labels its editable
 * with the configured label plus a sentence of its own ("Plan. Press Alt+0 for help.").
 */
const CLAUSE_BREAK = /\s*(?:[.:;,([]|\s[-–—]\s)/;
/** Whole-label synonyms too vague to name a section when more follows ("History — family", "CC: Dr. Okafor"). */
const VAGUE_LEAD = new Set(['history', 'treatment', 'cc']);
/**
 * Words that, in the first sentence of a label that only starts with a section's name, say the
 * field holds something about the section rather than its text: "Assessment date", "Plan name"
 * (an insurance plan), "Diagnosis (ICD-10 code)".
 */
const NOT_THE_TEXT = /\b(?:date|dated|time|due|score|codes?|icd|cpt|status|type|id|number|name|group)\b/;
const NOTE_LABEL = /^(?:(?:visit|clinical|progress|encounter|office|consult(?:ation)?|provider|doctor'?s?) )?notes?(?: text| body)?$|^documentation$/;
/** Words that only say "field" in names and ids (`soap_plan_text`, `txtAssessment`). */
const FILLER = new Set(['text', 'txt', 'field', 'fld', 'input', 'box', 'area', 'ta', 'soap', 'form', 'editor', 'section', 'value', 'content', 'note', 'notes', 'the', 'enter', 'type', 'add', 'write', 'here']);

export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/\((?:required|optional)\)|\*/g, ' ')
    .replace(/[:：.…]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The section whose pattern in `table` matches `text`, if any. */
function sectionIn(table: [SoapSection, RegExp][], text: string): SoapSection | undefined {
  return table.find(([, re]) => re.test(text))?.[0];
}

/**
 * The section a label names: the whole label as a synonym ("HPI", "Vitals"), or a label that
 * starts with one, as a whole word, before a clause break ("Vitals: today", "Dx. Press Alt+0 for
 * help.") or with the section's own name ("Plan for today"), unless the rest says the field holds
 * something else about the section ("Assessment date"). Single letters count only as the whole label.
 */
function sectionOfLabel(label: string): SoapSection | undefined {
  const text = normalizeLabel(label);
  if (!text) return undefined;
  const whole = text.length <= 60 ? sectionIn(EXACT, text) : undefined;
  // Only the first sentence says what the field is ("Plan. Type here" is a plan; "Plan type" is not).
  if (whole || NOT_THE_TEXT.test(text.split(/\.\s/, 1)[0]!)) return whole;
  const lead = text.split(CLAUSE_BREAK, 1)[0]!;
  const byLead = lead !== text && text.length <= 100 && lead.length > 1 && !VAGUE_LEAD.has(lead) ? sectionIn(EXACT, lead) : undefined;
  return byLead ?? (text.length <= 60 ? sectionIn(LEADING, text) : undefined);
}

/** `soap_plan`, `note[subjective]`, `txtAssessment`, `physical-exam` → the section; single letters never. */
function sectionOfName(name: string): SoapSection | undefined {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w && !FILLER.has(w));
  const phrase = words.join(' ');
  if (phrase.length < 2 || words.some((w) => w.length === 1)) return undefined;
  return sectionIn(EXACT, phrase);
}

function sectionOfPlaceholder(text: string): SoapSection | undefined {
  return sectionOfLabel(text.replace(/^(?:enter|type|add|write|document)\s+(?:the\s+)?/i, ''));
}

type FieldLabel = { text: string; kind: 'label' | 'placeholder' | 'name' };

/**
 * Every label a field has, strongest first, each with how it should be read; for a rich-text
 * editor's editable, then the labels of the page's field the editor replaced (./replaced-field.ts).
 */
export function labelsOf(field: Element): FieldLabel[] {
  const out = ownLabelsOf(field);
  for (const replaced of replacedFieldsOf(field)) out.push(...ownLabelsOf(replaced));
  return out;
}

function ownLabelsOf(field: Element): FieldLabel[] {
  const doc = field.ownerDocument;
  const out: FieldLabel[] = [];
  const id = field.getAttribute('id');
  if (id) {
    for (const label of Array.from(doc.querySelectorAll('label[for]'))) if (label.getAttribute('for') === id) out.push({ text: visibleText(label, 100), kind: 'label' });
  }
  const wrapping = field.closest('label');
  if (wrapping) out.push({ text: visibleText(wrapping, 100), kind: 'label' });
  const labelledBy = field.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((ref) => doc.getElementById(ref))
      .filter((el): el is HTMLElement => Boolean(el))
      .map((el) => visibleText(el, 100))
      .join(' ');
    out.push({ text, kind: 'label' });
  }
  const aria = field.getAttribute('aria-label');
  if (aria) out.push({ text: aria, kind: 'label' });
  const frameLabel = editorFrameLabel(field);
  if (frameLabel) out.push({ text: frameLabel, kind: 'label' });
  const fieldset = field.closest('fieldset');
  const legend = fieldset?.querySelector('legend');
  if (fieldset && legend && fieldset.querySelectorAll(FIELD_SELECTOR).length === 1) out.push({ text: visibleText(legend, 100), kind: 'label' });
  // A heading or label-like element right before the field (or before its wrapper).
  for (let el: Element | null = field, i = 0; el && i < 2; el = el.parentElement, i++) {
    const prev = el.previousElementSibling;
    if (prev && !prev.matches(FIELD_SELECTOR) && !prev.querySelector(FIELD_SELECTOR)) {
      const text = visibleText(prev, 80);
      if (text && text.length < 60) {
        out.push({ text, kind: 'label' });
        break;
      }
    }
    if (el.parentElement && el.parentElement.querySelectorAll(FIELD_SELECTOR).length > 1) break;
  }
  const placeholder = field.getAttribute('placeholder') ?? field.getAttribute('data-placeholder') ?? field.getAttribute('aria-placeholder');
  if (placeholder) out.push({ text: placeholder, kind: 'placeholder' });
  for (const attr of ['name', 'id']) {
    const value = field.getAttribute(attr);
    if (value) out.push({ text: value, kind: 'name' });
  }
  return out;
}

/**
 * The label of the iframe an editor's editable `<body>` fills (TinyMCE's): its `aria-label` or
 * `title`. TinyMCE labels the body itself too, but not in Firefox, where it leaves that to the
 * frame's title; either way the frame's label names the field. Same-origin frames only.
 */
function editorFrameLabel(field: Element): string | undefined {
  if (field.tagName !== 'BODY') return undefined;
  try {
    const frame = field.ownerDocument.defaultView?.frameElement;
    return (frame?.getAttribute('aria-label') ?? frame?.getAttribute('title'))?.trim() || undefined;
  } catch {
    return undefined;
  }
}

function isWritable(field: Element): boolean {
  if (isIgnoredElement(field)) return false;
  if (field.hasAttribute('disabled') || field.hasAttribute('readonly') || field.getAttribute('aria-readonly') === 'true' || field.getAttribute('aria-disabled') === 'true') return false;
  if (field.getAttribute('contenteditable') === 'false') return false;
  // The editable root only, not its paragraphs.
  const parent = field.parentElement?.closest('[contenteditable]');
  return !parent || parent.getAttribute('contenteditable') === 'false';
}

function isLarge(field: Element): boolean {
  if (field.tagName === 'TEXTAREA') return true;
  if (field.tagName === 'INPUT') return false;
  return field.hasAttribute('contenteditable') || field.getAttribute('aria-multiline') === 'true';
}

/** A visible label beats a placeholder, which beats a name or id; the first field wins a tie. */
const SOURCE_RANK = { label: 0, placeholder: 1, name: 2 } as const;

export function findNoteFields(doc: Document): NoteFields {
  const fields: NoteFields = {};
  const rank: Partial<Record<SoapSection, number>> = {};
  const noteCandidates: Element[] = [];
  for (const field of Array.from(doc.querySelectorAll(FIELD_SELECTOR))) {
    if (!isWritable(field)) continue;
    const labels = labelsOf(field);
    labels.some(({ text, kind }) => {
      const section = kind === 'label' ? sectionOfLabel(text) : kind === 'placeholder' ? sectionOfPlaceholder(text) : sectionOfName(text);
      if (!section) return false;
      const strength = SOURCE_RANK[kind];
      if (rank[section] === undefined || strength < rank[section]!) {
        fields[section] = field;
        rank[section] = strength;
      }
      return true;
    });
    if (isLarge(field) && labels.some(({ text, kind }) => kind !== 'name' && NOTE_LABEL.test(normalizeLabel(text)))) noteCandidates.push(field);
  }
  if (Object.keys(fields).length === 0 && noteCandidates.length === 1) fields.note = noteCandidates[0]!;
  return fields;
}
