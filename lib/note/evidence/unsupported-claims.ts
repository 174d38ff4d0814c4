import type { SoapSection } from '../sections';
import { pad } from '../safety/number-claims';
import type { TextRange } from '../safety/text-range';
import type { Claim } from './claims';
import type { StatementEvidence } from './evidence';

/**
 * The safety checks' "possibly unsupported" findings, read off the evidence engine's report: the
 * numbers, doses, vital signs, dates and drugs of the note that no source holds. One engine decides
 * what supports a claim (match.ts), for the marks beside the note and for these findings alike, so
 * the two can never disagree. Words (findings) are not listed here: a paraphrase is not a fault,
 * and the statement's mark already says when its words were not found.
 *
 * A date equal to the visit date is never listed: a note states its date of service though nobody
 * said it. Explanations quote the note: PHI, to be shown, never logged.
 */

export type UnsupportedKind = 'number' | 'dose' | 'vital' | 'date' | 'drug';

export interface UnsupportedClaim {
  section: SoapSection;
  kind: UnsupportedKind;
  /** Offsets in the section's text. */
  range: TextRange;
  /** The claim as written in the note. */
  text: string;
  explanation: string;
}

export interface UnsupportedOptions {
  /** The visit date, ISO `YYYY-MM-DD`. Defaults to `today`'s local date. */
  visitDate?: string;
  today?: Date;
}

const localIso = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

function kindOf(claim: Claim): UnsupportedKind | undefined {
  switch (claim.kind) {
    case 'date':
      return 'date';
    case 'drug':
      return claim.isClass ? undefined : 'drug';
    case 'quantity':
    case 'ratio':
      return claim.role === 'vital' ? 'vital' : claim.role === 'dose' ? 'dose' : 'number';
    default:
      return undefined;
  }
}

/** Is this a date the visit itself gives (its date of service)? A bare "11/20" may be a ratio read as one. */
function isVisitDate(claim: Claim, iso: string): boolean {
  const monthDay = iso.slice(5, 10);
  if (claim.kind === 'date') return claim.iso !== undefined ? claim.iso === iso : claim.monthDay === monthDay;
  if (claim.kind === 'ratio') return `${pad(claim.a)}-${pad(claim.b)}` === monthDay;
  return false;
}

const WHAT: Record<Exclude<UnsupportedKind, 'drug'>, string> = { number: 'The number', dose: 'The dose', vital: 'The vital sign', date: 'The date' };
const NOWHERE = 'appears in neither the transcript nor the chart context sent';

/**
 * The unsupported claims of every statement, in note order. `sections` gives each section's text
 * (for the words shown).
 */
export function unsupportedClaimsOf(
  statements: readonly StatementEvidence[],
  sectionText: (section: SoapSection) => string,
  options: UnsupportedOptions = {},
): UnsupportedClaim[] {
  const iso = options.visitDate ?? localIso(options.today ?? new Date());
  const found: UnsupportedClaim[] = [];
  for (const statement of statements) {
    for (const evidence of statement.claims) {
      const { claim } = evidence;
      const kind = kindOf(claim);
      if (evidence.match || kind === undefined || isVisitDate(claim, iso)) continue;
      // A vital's range holds its label too ("HR 110"): the finding shows both.
      const range = claim.range;
      const text = sectionText(statement.section).slice(range.start, range.end);
      const name = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
      const explanation =
        kind === 'drug'
          ? evidence.otherPolarity
            ? claim.negated
              ? `${name} is named as not given or stopped here, but as taken or started in what was sent: check which is right.`
              : `${name} is named here, but only as stopped, avoided or not given in what was sent: check which is right.`
            : `${name} is named in neither the transcript nor the chart context sent: possibly unsupported.`
          : `${WHAT[kind]} "${text}" ${NOWHERE}${evidence.otherUnit ? ` (${numberOf(claim)} appears there only with another unit)` : ''}: possibly unsupported.`;
      found.push({ section: statement.section, kind, range, text, explanation });
    }
  }
  return found;
}

function numberOf(claim: Claim): string {
  return claim.kind === 'quantity' ? String(Math.round(claim.value * 1000) / 1000) : claim.text;
}
