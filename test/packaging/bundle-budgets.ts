/**
 * What each entrypoint of the production Chrome build may weigh: JavaScript it loads at start-up,
 * gzip -9, measured by test/bench/bundle-size.ts. Sizes are deterministic, so these are budgets CI
 * enforces (test/packaging/archives.test.ts measures the archive the store receives), and
 * `npm run bench` prints each beside its figure.
 *
 * Two numbers, on purpose:
 * - `aimKB` is what the issues asked for (issue 2: side panel < 60 KB, background < 30 KB; issue 3:
 *   the chart reader < 15 KB). An aim the build misses is reported as missed, never quietly moved.
 * - `budgetKB` is the line CI holds: the aim where the build meets it, otherwise today's size plus a
 *   little room, so a missed aim cannot drift further while nobody looks. Lower a budget whenever
 *   the build shrinks; raising one is a decision for the commit message, with the reason.
 */
export interface BundleBudget {
  /** The entrypoint as measureBundles names it: `background`, `sidepanel`, `content-scripts/content`. */
  entry: string;
  budgetKB: number;
  aimKB?: number;
}

export const BUNDLE_BUDGETS: readonly BundleBudget[] = [
  // Missed since issue 4–6 added insert, field maps, audio jobs and note history to the worker
  // (29.8 KB at the walking skeleton). zod/mini's core is ~33 KB of its 124 KB before compression,
  // webextension-polyfill ~10 KB, the API's plain-language error messages ~9 KB. A worker's size
  // costs a clinician nothing they can notice (it is read from disk once per wake, parsed in ~2 ms);
  // getting under 30 KB would mean hand-checking the worker's stored data instead of zod.
  // 40.5 KB before issue 19 items 5, 6 and 9; 42.2 KB with them: errors read by code with the API's
  // fields named in the clinician's words (field-words.ts), and requests checked as the vendor's
  // client checks them (request-values.ts). Both run in the worker, where the requests are sent.
  // 43.9 KB with the rest of issue 19 and 13.4 (retry rules by cost, PUT-first uploads with the
  // transcript read in any shape, extras checked and fetched by id, public specialties with templates).
  // 45.4 KB with issue 17's managed configuration: every policy value checked with zod on its own
  // (Firefox does not check policies.json), the merge over the clinician's settings, and the
  // policy's field maps, sites, key kinds and forbidden extras applied where they are used.
  // 46.1 KB with issue 16's regenerate and consent besides (the consent's schema in the job and
  // history records, the regenerate's one-section job).
  { entry: 'background', aimKB: 30, budgetKB: 47 },
  // 60.3 KB since issue 13 (the chart read's slow-page notice and coalesced presses): aim missed by 0.3 KB.
  // 61.5 KB before issue 19 items 5, 6 and 9 (62.4 KB with them: the request checks the panel builds
  // with, the error detail line and HCPCS codes).
  // 64.1 KB with 13.4 and the rest of issue 19 (missing-extras notice and its whole-note request,
  // template variants, the test-key notice, may-bill labels, recordings' transcripts in history).
  // 63.4 KB with issue 20's layout (the action bar, the patient line, folding areas): 66.3 KB before
  // the note's extras, the missing-extras notice, unfinished recordings and field mapping were loaded
  // on demand (lazyComponent in lazy-module.ts). Aim missed by 3.4 KB; next candidates: the note
  // history and the recorder's file import, also shown only in some visits.
  // 63.9 KB on main before issue 16's style rules (0.1 KB of room); 64.8 KB with them: the rules'
  // schema in the sealed settings, the instruction text checked at Generate note, and the options
  // page's own lazily loaded rules editor sharing more of the panel's chunks. The rule list, the Add a
  // style rule form and the saving load on demand.
  // 66.8 KB with issue 15's call audio (the recorder store's part: its words for every fault and the
  // call's state; and the Record the visit controls); the tab capture and the mixer load only when
  // the clinician asks for the call. Still 66.8 KB with Show tab names: the Call tab list and its
  // words load once Include call audio is ticked (CallTabPicker.tsx).
  // 68.4 KB with issue 17's managed configuration: loadSettings merges the organisation's policy,
  // whose check (the field map and style rule schemas among it) the panel now loads. Next candidate:
  // the policy check loaded only when a policy exists (not in the worker: no import() there).
  // 70.6 KB with issue 16's Regenerate <Section> (its request, streaming into one section, undo and
  // failure words live in the panel store). Next candidates: the regenerate run loaded on its first
  // press, and the policy check above.
  // 67.9 KB with issue 16's consent to record alone (66.8 KB on main before it, +1.1 KB): the box and
  // its refusal must be there before the first Start recording, so they cannot load on demand; with
  // them come the consent's schema in the recording, job, history and settings records, and the
  // line's wording, put back into a note reopened from history.
  // 71.8 KB with all three on main; 72.2 KB with a regenerated section keeping its consent line;
  // 73.0 KB with named templates (the Template list and the chosen one's name; Keep template's form
  // loads on demand).
  { entry: 'sidepanel', aimKB: 60, budgetKB: 74 },
  // 30.0 KB, 30.4 KB since issue 19.6 (the error model it shares reads codes and names fields);
  // 31.0 KB with issue 20: the panel's parts loaded on demand made the bundler split out one more
  // chunk the options page shares (each chunk is gzipped on its own, so a split costs a little).
  // 32.4 KB with issue 16's style rules (their editor, export and import load after the page is up).
  // 34.8 KB with issue 17's managed configuration (the policy check, the locked controls and the
  // note on ignored policy values).
  // 32.9 KB with issue 16's consent settings alone (loaded after the page is up, as the rules editor is).
  // 35.3 KB with both. 36.0 KB with issue 16's consent for typed transcripts (its checkbox and
  // hint) and issue 17's live policy follow and Copy for policy in the options page.
  { entry: 'options', budgetKB: 37 },
  { entry: 'microphone', budgetKB: 16 },
  { entry: 'print', budgetKB: 22 },
  // Injected on Insert only, into the frames of the tab being filled.
  { entry: 'inserter', budgetKB: 27 },
  // Injected into every frame of an enabled site: the generic reader plus the EHRs' recognisers
  // (14.4 KB once the three EHR adapters left it, 19.0 KB before; 15.4 KB with compact-banner
  // ages and editors labelled through the field they replaced; 13.5 KB once the note fields, which
  // only the inserter looks for, left it too).
  { entry: 'content-scripts/content', aimKB: 15, budgetKB: 15 },
  // Each put only into a frame whose chart reader recognised that EHR (5.2–5.7 KB each).
  { entry: 'openemr-adapter', budgetKB: 7 },
  { entry: 'openmrs-adapter', budgetKB: 7 },
  { entry: 'medplum-adapter', budgetKB: 7 },
];

export const KB = 1024;

export function budgetFor(entry: string): BundleBudget | undefined {
  return BUNDLE_BUDGETS.find((b) => b.entry === entry);
}
