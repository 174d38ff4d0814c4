/*
 * One-click insert into every editor an EHR may use, driven through the side panel as a clinician
 * would. Each page's `__fixture.state()` reads the editor's own model (ProseMirror doc, Quill delta,
 * Slate children, CKEditor/TinyMCE data, Draft.js ContentState, React/Vue state), evaluated in the
 * main world of the frame that owns the fields: text that only reached the DOM fails here.
 * Per page: Insert all into empty fields, then Undo insert; and with text the clinician typed
 * first, the append rule (earlier text, a blank line, the section), Replace, and Undo after each.
 */
import type { Frame, FrameLocator, Locator, Page } from '@playwright/test';
import type { FixtureServer } from '../../fixtures/serve-fixtures.ts';
import { expect, generate, sectionBox, test } from './fixtures';

const SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;
type Section = (typeof SECTIONS)[number];
/** `__fixture.state()`: each field's text as its editor's model holds it, one line per paragraph. */
type State = Record<Lowercase<Section> | 'note', string>;

interface EditorCase {
  name: string;
  url(ehr: FixtureServer): string;
  /** The field a clinician clicks to type into, in the page or its frame. */
  field(page: Page, section: Section): Locator;
  /** Whether the page keeps a dirty flag (`__fixture.dirty()`). */
  dirty: boolean;
  /** The frame whose main world holds the fields (the top page unless the fields are in an iframe). */
  inFrame?: boolean;
}

const key = (section: Section) => section.toLowerCase() as Lowercase<Section>;
const byLabelledBy = (page: Page, section: Section) => page.locator(`[aria-labelledby="${key(section)}-label"][contenteditable]`);
const byId = (root: Page | FrameLocator, section: Section) => root.locator(`#${key(section)}`);
const noteFrame = (page: Page) => page.frameLocator('#note-frame');

const CASES: EditorCase[] = [
  { name: 'Tiptap (ProseMirror)', url: (ehr) => `${ehr.url}/editors/tiptap.html`, field: byLabelledBy, dirty: false },
  { name: 'Quill', url: (ehr) => `${ehr.url}/editors/quill.html`, field: byLabelledBy, dirty: false },
  { name: 'Slate', url: (ehr) => `${ehr.url}/editors/slate.html`, field: byLabelledBy, dirty: false },
  { name: 'TinyMCE', url: (ehr) => `${ehr.url}/editors/tinymce.html`, field: (page, s) => page.frameLocator(`#${key(s)}_ifr`).locator('body'), dirty: false },
  { name: 'CKEditor 5', url: (ehr) => `${ehr.url}/editors/ckeditor5.html`, field: (page, s) => page.locator(`#${key(s)} + .ck-editor .ck-editor__editable`), dirty: false },
  { name: 'Draft.js', url: (ehr) => `${ehr.url}/editors/draftjs.html`, field: byLabelledBy, dirty: false },
  { name: 'React form', url: (ehr) => `${ehr.url}/editors/react-form.html`, field: byId, dirty: true },
  { name: 'Vue form', url: (ehr) => `${ehr.url}/editors/vue-form.html`, field: byId, dirty: true },
  { name: 'plain contenteditable', url: (ehr) => `${ehr.url}/insert/contenteditable.html`, field: byId, dirty: true },
  { name: 'same-origin iframe', url: (ehr) => `${ehr.url}/insert/iframe-same-origin.html`, field: (page, s) => byId(noteFrame(page), s), dirty: true, inFrame: true },
  {
    name: 'cross-origin iframe',
    // The server listens on 127.0.0.1; localhost on the same port is another site, so the frame runs out of process.
    url: (ehr) => `${ehr.url}/insert/iframe-cross-origin.html?frame=${ehr.url.replace('127.0.0.1', 'localhost')}`,
    field: (page, s) => byId(noteFrame(page), s),
    dirty: true,
    inFrame: true,
  },
];

/** Sentences the emulator sorts into all four sections, two of them into Plan (two numbered lines). */
const TRANSCRIPT =
  'Patient reports three days of sore throat and mild fever. She denies cough. ' +
  'Temperature 38.1 C, pharynx erythematous without exudate. Likely viral pharyngitis. ' +
  'Start ibuprofen as needed for pain. Return if symptoms worsen after five days.';

/** What the clinician edits Objective to: two paragraphs, a blank line between. */
const OBJECTIVE = 'Temperature 38.1 C.\nPharynx erythematous without exudate.\n\nNo cervical lymphadenopathy.';

/** Opens the case's page in the chart tab and returns the frame that holds its fields, once ready. */
async function openEditorPage(chart: Page, ehr: FixtureServer, c: EditorCase): Promise<Frame> {
  await chart.goto(c.url(ehr));
  await chart.locator('html[data-ready="true"]').waitFor();
  const frame = c.inFrame ? chart.frames().find((f) => f.url().includes('/insert/iframe-fields.html')) : chart.mainFrame();
  if (!frame) throw new Error('the fields frame is not there');
  await frame.locator('html[data-ready="true"]').waitFor();
  return frame;
}

const state = (frame: Frame) => frame.evaluate(() => (window as unknown as { __fixture: { state(): State } }).__fixture.state());
const dirty = (frame: Frame) => frame.evaluate(() => (window as unknown as { __fixture: { dirty(): boolean } }).__fixture.dirty());

async function enableAndGenerate(panel: Page): Promise<void> {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Rosalind Achebe', { exact: true }).first()).toBeVisible();
  await generate(panel, TRANSCRIPT);
  await expect(panel.getByRole('status').filter({ hasText: 'Note ready' })).toBeVisible();
}

/** The note as the panel shows it, which is what must reach each field. */
async function panelNote(panel: Page): Promise<Record<Section, string>> {
  const entries = await Promise.all(SECTIONS.map(async (s) => [s, await sectionBox(panel, s).inputValue()] as const));
  return Object.fromEntries(entries) as Record<Section, string>;
}

/** The fixture state once every field holds `text(section)`. */
function expected(text: (section: Section) => string): State {
  return { subjective: text('Subjective'), objective: text('Objective'), assessment: text('Assessment'), plan: text('Plan'), note: '' };
}

/** Clicks Insert all and waits until the panel reports every section with `words`. */
async function insertAll(panel: Page, words: (section: Section) => string): Promise<void> {
  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  const report = panel.getByRole('status').filter({ hasText: `Plan: ` });
  for (const s of SECTIONS) await expect(report.getByRole('listitem').filter({ hasText: `${s}:` })).toHaveText(`${s}: ${words(s)}`);
}

async function undoInsert(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: 'Undo insert', exact: true }).click();
  const report = panel.getByRole('status').filter({ hasText: 'Undone:' });
  for (const s of SECTIONS) await expect(report.getByRole('listitem').filter({ hasText: `${s}:` })).toHaveText(`${s}: restored to what it was`);
}

/** Types into a field as the clinician would: a click, then keys (Enter between lines). */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) await field.press('Enter');
    await field.pressSequentially(line);
  }
}

// Every test starts its own browser: let both workers share this file's tests.
test.describe.configure({ mode: 'parallel' });

for (const c of CASES) {
  test.describe(c.name, () => {
    test('Insert all puts each section into the editor’s own model, and Undo insert empties the fields again', async ({ panel, chart, ehr }) => {
      const frame = await openEditorPage(chart, ehr, c);
      const before = await state(frame);
      expect(before).toEqual(expected(() => ''));
      if (c.dirty) expect(await dirty(frame)).toBe(false);

      await enableAndGenerate(panel);
      await sectionBox(panel, 'Objective').fill(OBJECTIVE);
      const note = await panelNote(panel);
      expect(note.Plan).toContain('\n');

      await insertAll(panel, () => 'inserted');
      await expect.poll(() => state(frame)).toEqual(expected((s) => note[s]));
      if (c.dirty) expect(await dirty(frame)).toBe(true);

      await undoInsert(panel);
      await expect.poll(() => state(frame)).toEqual(before);
    });

    test('Insert all adds after text already in a field (blank line between); with Replace checked it replaces; Undo insert restores each time', async ({ panel, chart, ehr }) => {
      const frame = await openEditorPage(chart, ehr, c);
      const earlier = 'Seen in March for the same complaint.\nAdvised rest.';
      await typeInto(c.field(chart, 'Plan'), earlier);
      await typeInto(c.field(chart, 'Subjective'), 'Brought in by her mother.');
      await expect.poll(() => state(frame)).toEqual({ ...expected(() => ''), plan: earlier, subjective: 'Brought in by her mother.' });
      const before = await state(frame);

      await enableAndGenerate(panel);
      const note = await panelNote(panel);

      const added = (s: Section) => before[key(s)] !== '';
      await insertAll(panel, (s) => (added(s) ? 'added after the text already there' : 'inserted'));
      await expect.poll(() => state(frame)).toEqual(expected((s) => (added(s) ? `${before[key(s)]}\n\n${note[s]}` : note[s])));
      await undoInsert(panel);
      await expect.poll(() => state(frame)).toEqual(before);

      await panel.getByRole('checkbox', { name: 'Replace text already in the EHR’s fields', exact: true }).check();
      await insertAll(panel, (s) => (added(s) ? 'replaced the text that was there' : 'inserted'));
      await expect.poll(() => state(frame)).toEqual(expected((s) => note[s]));
      await undoInsert(panel);
      await expect.poll(() => state(frame)).toEqual(before);
    });
  });
}
