import type { PatientIdentity } from './chart-context';

export type PatientCheck =
  | { ok: true }
  | { ok: false; reason: 'different-patient' | 'no-patient-now'; expected: PatientIdentity; found?: PatientIdentity };

/** "Alvarez, Maria" and "MARIA  ALVAREZ" are the same name; titles and punctuation do not count. */
function nameKey(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const words = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(mr|mrs|ms|miss|dr|jr|sr)\b\.?/g, ' ')
    .split(/[^a-z0-9'-]+/)
    .filter(Boolean);
  return words.length > 0 ? words.sort().join(' ') : undefined;
}

const mrnKey = (mrn: string | undefined) => mrn?.replace(/[\s-]/g, '').toLowerCase() || undefined;

/**
 * Is the chart open now about the patient the note was written for? Every fact both sides show must
 * agree (MRN, date of birth, name); a chart that shows no patient now, where one was shown before,
 * is refused too: the tab moved to another page. A note written with no chart read has nothing to
 * compare, and is allowed.
 */
export function checkSamePatient(expected: PatientIdentity | undefined, found: PatientIdentity | undefined): PatientCheck {
  if (!expected || (!expected.name && !expected.dob && !expected.mrn)) return { ok: true };
  if (!found || (!found.name && !found.dob && !found.mrn)) return { ok: false, reason: 'no-patient-now', expected };
  const pairs: [string | undefined, string | undefined][] = [
    [mrnKey(expected.mrn), mrnKey(found.mrn)],
    [expected.dob, found.dob],
    [nameKey(expected.name), nameKey(found.name)],
  ];
  let compared = 0;
  for (const [a, b] of pairs) {
    if (a === undefined || b === undefined) continue;
    compared += 1;
    if (a !== b) return { ok: false, reason: 'different-patient', expected, found };
  }
  return compared > 0 ? { ok: true } : { ok: false, reason: 'different-patient', expected, found };
}

/** "Maria Alvarez (born 1971-03-14, MRN 00482913)" for warnings. */
export function describePatient(identity: PatientIdentity | undefined): string {
  if (!identity) return 'no patient';
  const facts = [identity.dob && `born ${identity.dob}`, identity.mrn && `MRN ${identity.mrn}`].filter(Boolean).join(', ');
  const name = identity.name ?? 'an unnamed patient';
  return facts ? `${name} (${facts})` : name;
}
