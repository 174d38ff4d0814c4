/**
 * What must never appear in any console of any context during an end-to-end run: the fixture
 * patients' names, the sentences of the transcripts the suites send, and any API key. The fixtures
 * scan each browser's whole console output (test/support/browser-console.ts) after every test.
 *
 * A new fixture patient or transcript belongs here; the names are distinctive on purpose, so that a
 * hit is a leak and not a coincidence.
 */
export const FIXTURE_PATIENT_NAMES = [
  'Maria Alvarez',
  'Evelyn Hartwell',
  'Amara Okafor',
  'Okafor, Lucia',
  'Lucia Okafor',
  'Homer Simpson',
  'Delphine Marsh',
  'Tomasz Lindqvist',
  'Tomasz Brightwater',
  'Rosalind Achterberg',
  'Rosalind Achebe',
  'Iris Vantongeren',
  'Ana Ruiz',
] as const;

/**
 * Phrases of the transcripts the suites send (chromium/fixtures.ts TRANSCRIPT, the Firefox suites'
 * own, and the emulator's SAMPLE_VISIT_TRANSCRIPT that audio jobs return), which the emulator's
 * notes repeat: a hit means a transcript or a note reached a console.
 */
export const TRANSCRIPT_SENTENCES = [
  'three days of sore throat',
  'pharynx erythematous',
  'viral pharyngitis',
  'ibuprofen as needed',
  'lower back pain for three weeks',
  'lumbar paraspinal muscles',
] as const;

/** Any whole API key, test or live (a masked one, `snapi_sk_test_••••0001`, does not match). */
const API_KEY = /snapi_sk_(?:test|live)_[A-Za-z0-9]{6,}/;

/** Each canary found in `text`, once, with the line it was on (so the failure says where). */
export function findPhi(text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  const lineOf = (needle: string | RegExp) =>
    lines.find((l) => (typeof needle === 'string' ? l.toLowerCase().includes(needle.toLowerCase()) : needle.test(l)));
  for (const needle of [...FIXTURE_PATIENT_NAMES, ...TRANSCRIPT_SENTENCES, API_KEY]) {
    const line = lineOf(needle);
    if (line !== undefined) found.push(`${String(needle)} in: ${line.slice(0, 300)}`);
  }
  return found;
}
