import { asCelsius, asKilograms, type Claim } from './claims';
import { keysOf, type IndexedSource, type Stance } from './sources';
import { LAY_STEMS } from './lay-words';

/**
 * When a claim read in one text is the same claim as one read in another: the matching rules of the
 * evidence engine, used in both directions (note → sources for evidence, transcript → note for
 * omissions).
 * - Polarity must agree: a denied finding or a drug named as not given only matches the same,
 *   denied or not given ("denies chest pain" does not support "chest pain", nor the reverse). In a
 *   labelled transcript a question takes its answer's polarity ("Doctor: Any chest pain? Patient:
 *   No." is denied chest pain), and what is said neither way (a finding only asked about) matches
 *   nothing (sources.ts `stanceOf`, speakers.ts).
 * - A quantity matches the same value with the same unit ("20 mg" ≠ "20 mcg"); a bare number on
 *   either side matches too, unless the other text also has that value with another unit (so
 *   "20 mcg" and "20" do not support "20 mg"). Degrees match °C and °F written as degrees, and a
 *   body temperature matches the same temperature in the other scale (38.3 °C = 101 °F), and a
 *   weight the same whole kilograms in the other unit (70 kg = 154 lb).
 * - A ratio matches the same two numbers (142/88 ≠ 148/92), written or spoken ("over", "out of").
 * - A date matches the same month and day, and the same year when both give one.
 * - A drug matches by generic or a shared ingredient, whatever name either side used ("Lipitor" =
 *   atorvastatin); a class in the claim ("a statin") matches any member or the class named.
 * - A side matches the same side only (left ≠ right ≠ bilateral), and when the claim names a site
 *   ("left knee") the other side must name the same site, or name none and have the site within
 *   40 characters ("my knee, the left one").
 * - A finding matches the same stem.
 */

const TEMPERATURE = new Set(['c', 'f', 'deg']);
const SITE_DISTANCE = 40;
/** Intervals whose unit must follow a bare number said for them, and how far it may come after it. */
const INTERVAL_WORD: Readonly<Record<string, RegExp>> = Object.fromEntries(
  [['hour', 'hours?'], ['day', 'days?|nights?'], ['week', 'weeks?'], ['month', 'months?']].map(([unit, words]) => [unit!, new RegExp(String.raw`\b(?:${words})\b`, 'i')]),
);
const INTERVAL_REACH = 24;
/** The words between a site and the side of what it is part of: "interspace| of the |right foot". */
const SITE_OF_THE = /^[ \t]+(?:of|on|in|at)[ \t]+(?:the|your|my|his|her|their)[ \t]+$/i;

/**
 * The parts a note names and the region a visit says of them: the left heel is in the left foot,
 * the right deltoid in the right arm, a right TKA is the right knee. Only parts that lie wholly in
 * their region; a site without an entry is its own region.
 */
const REGIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['forefoot', 'heel', 'hallux', 'halluce', 'toe', 'toenail', 'plantar', 'metatarsal', 'sole', 'arch', 'calcaneal', 'midfoot', 'hindfoot'].map((part) => [part, 'foot']),
  ),
  ...Object.fromEntries(['deltoid', 'bicep', 'tricep', 'forearm'].map((part) => [part, 'arm'])),
  ...Object.fromEntries(['tka', 'tkr', 'patella', 'patellar'].map((part) => [part, 'knee'])),
};
const regionOf = (site: string) => REGIONS[site] ?? site;

/** Words a visit puts after a side that name no part: "on the right side", "the left one". */
const GENERIC_SITES = new Set(['side', 'one']);
const OPPOSITE: Readonly<Record<string, readonly string[]>> = { left: ['right', 'bilateral'], right: ['left', 'bilateral'], bilateral: ['left', 'right'] };

/** Does `source` name a side other than `side` anywhere? */
function hasOtherSide(source: IndexedSource, side: string): boolean {
  return (OPPOSITE[side] ?? []).some((other) => (source.byKey.get(`s:${other}`) ?? []).length > 0);
}

/** What `text` says of a claim read in it; without the text, the claim's own flag. */
function stanceOf(claim: Claim, text: IndexedSource | undefined): Stance {
  if (text) return text.stanceOf(claim);
  return claim.negated ? 'negated' : 'affirmed';
}

function unitsAgree(want: string | undefined, have: string | undefined, otherUnits: ReadonlySet<string>): boolean {
  if (want === have) return true;
  if (want !== undefined && have !== undefined) return TEMPERATURE.has(want) && TEMPERATURE.has(have) && (want === 'deg' || have === 'deg');
  const defined = want ?? have!;
  // A bare number stands in for a unit only when that value is not also written with a conflicting one.
  return ![...otherUnits].some((u) => u !== defined && !(TEMPERATURE.has(u) && TEMPERATURE.has(defined)));
}

/** Is `candidate` (read in `source`) the same claim as `claim`? `claimNegated` is the claim's own polarity. */
function same(claim: Claim, claimStance: Stance, candidate: Claim, source: IndexedSource, units: ReadonlySet<string>): boolean {
  const candidateStance = source.stanceOf(candidate);
  // Said neither way (a finding only asked about, a side the answer said no to): evidence of nothing.
  if (candidateStance === 'unknown') return false;
  if ((claim.kind === 'drug' || claim.kind === 'finding') && candidateStance !== claimStance) return false;
  switch (claim.kind) {
    case 'quantity':
      if (candidate.kind !== 'quantity') return false;
      // Another value is the same only as the same body temperature in the other scale (38.3 °C = 101 °F),
      // or the same weight in the other unit (70 kg = 154 lb).
      if (candidate.value !== claim.value) {
        if (asCelsius(claim) !== undefined) return asCelsius(claim) === asCelsius(candidate);
        return asKilograms(claim) !== undefined && asKilograms(claim) === asKilograms(candidate) && candidate.unit !== claim.unit;
      }
      // An interval said as a bare number has its unit beside it: "four more days", "two, three
      // weeks", "a day or two"; "four of them" is not "in 4 weeks" (an age may be said bare: "I'm eighty-two").
      if (candidate.unit === undefined && claim.unit !== undefined && INTERVAL_WORD[claim.unit]) {
        const around = source.text.slice(Math.max(0, candidate.range.start - INTERVAL_REACH), candidate.range.end + INTERVAL_REACH);
        if (!INTERVAL_WORD[claim.unit]!.test(around)) return false;
      }
      return unitsAgree(claim.unit, candidate.unit, units);
    case 'ratio':
      return candidate.kind === 'ratio' && candidate.a === claim.a && candidate.b === claim.b;
    case 'date':
      return candidate.kind === 'date' && (claim.iso === undefined || candidate.iso === undefined || claim.iso === candidate.iso);
    case 'drug':
      if (candidate.kind !== 'drug') return false;
      if (claim.isClass) return claim.classes.some((c) => candidate.classes.includes(c));
      return claim.parts.some((p) => candidate.parts.includes(p));
    case 'laterality': {
      if (candidate.kind !== 'laterality' || candidate.side !== claim.side) return false;
      if (claim.site === undefined || candidate.site === claim.site) return true;
      if (candidate.site !== undefined && regionOf(candidate.site) === regionOf(claim.site)) return true;
      // "It's rubbing on the right side": a side of the topic, true of its site when the visit names no other side.
      if (candidate.site !== undefined && GENERIC_SITES.has(candidate.site)) return !hasOtherSide(source, claim.side);
      const near = source.byKey.get(`f:${claim.site}`) ?? [];
      // A side with a site of its own ("right hand") is about that site, unless the claim's site is
      // what that site is part of: "the third interspace of the right foot" for "right third interspace".
      if (candidate.site !== undefined) return near.some((f) => SITE_OF_THE.test(source.text.slice(f.range.end, candidate.range.start)));
      // One without ("the left one") may sit by it.
      return near.some((f) => Math.abs(f.range.start - candidate.range.start) <= SITE_DISTANCE);
    }
    case 'finding':
      return candidate.kind === 'finding';
  }
}

/** The keys `claim` is looked up under: a drug by its generics, a clinical word by its lay words too (lay-words.ts). */
function lookupKeys(claim: Claim): string[] {
  if (claim.kind === 'drug' && !claim.isClass) return keysOf(claim).filter((k) => k.startsWith('g:'));
  if (claim.kind === 'finding') return [`f:${claim.stem}`, ...(LAY_STEMS.get(claim.stem) ?? []).map((s) => `f:${s}`)];
  return keysOf(claim);
}

/**
 * Every claim in `source` that is the same as `claim`. `claimText` is the index the claim was read
 * from, when its polarity is asked lazily (a transcript's findings); otherwise the claim's own flag counts.
 */
export function matchesIn(claim: Claim, source: IndexedSource, claimText?: IndexedSource): Claim[] {
  const claimStance = stanceOf(claim, claimText);
  const found: Claim[] = [];
  const seen = new Set<Claim>();
  let units: Set<string> | undefined;
  if (claim.kind === 'quantity') {
    units = new Set();
    for (const c of source.byKey.get(keysOf(claim)[0]!) ?? []) if (c.kind === 'quantity' && c.unit !== undefined) units.add(c.unit);
  }
  for (const key of lookupKeys(claim)) {
    for (const candidate of source.byKey.get(key) ?? []) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      if (same(claim, claimStance, candidate, source, units ?? new Set())) found.push(candidate);
    }
  }
  if (found.length === 0 && claim.kind === 'ratio' && claim.b === 10) found.push(...scoreSaidAlone(claim.a, source));
  if (found.length === 0 && claim.kind === 'quantity' && claim.value === 1 && claim.unit !== undefined && ONE_OF_UNIT[claim.unit]) {
    found.push(...oneUnitSaid(claim.unit, source));
  }
  return found;
}

/** "a week", "in a month": one of the unit, which the note writes "1 week". Not "twice a week" (a frequency). */
const ONE_OF_UNIT: Readonly<Record<string, RegExp>> = Object.fromEntries(
  ['day', 'week', 'month', 'year', 'hour'].map((unit) => [unit, new RegExp(String.raw`(?<!\b(?:once|twice|thrice|times|per|every)[ \t]+)\ban?[ \t]+${unit}\b`, 'gi')]),
);

/**
 * `compute(source)`, worked out once per source: what match.ts reads off a whole source for one rule
 * (where it says "a week", where it names a scale), kept for as long as the source is.
 */
function perSource<T>(compute: (source: IndexedSource) => T): (source: IndexedSource) => T {
  const memo = new WeakMap<IndexedSource, T>();
  return (source) => {
    if (!memo.has(source)) memo.set(source, compute(source));
    return memo.get(source)!;
  };
}

/** The places a source says one unit in words ("a week"), by unit, as quantity claims. */
const oneUnitClaimsOf = perSource(() => new Map<string, Claim[]>());

/** The places `source` says one `unit` in words ("a week"), as quantity claims; worked out once per source and unit. */
function oneUnitSaid(unit: string, source: IndexedSource): Claim[] {
  const byUnit = oneUnitClaimsOf(source);
  let claims = byUnit.get(unit);
  if (!claims) {
    claims = [];
    const re = ONE_OF_UNIT[unit]!;
    re.lastIndex = 0;
    for (let m = re.exec(source.text); m; m = re.exec(source.text)) {
      const range = { start: m.index, end: m.index + m[0].length };
      claims.push({ kind: 'quantity', role: 'duration', value: 1, unit, range, text: m[0], negated: false });
    }
    byUnit.set(unit, claims);
  }
  return claims;
}

/**
 * A score out of ten said as a bare number beside one said in full ("about a three out of ten, five
 * after the stairs"): the 5 is 5/10 when its statement holds another score out of ten, or when it
 * answers a scale just named ("How bad is it, zero to ten? — About a seven").
 */
function scoreSaidAlone(score: number, source: IndexedSource): Claim[] {
  const bare = (source.byKey.get(`q:${score}`) ?? []).filter((c) => c.kind === 'quantity' && c.unit === undefined);
  if (bare.length === 0) return [];
  const scales = scaleSegmentsOf(source);
  const asked = scaleQuestionsOf(source);
  return bare.filter((c) => scales.has(source.segmentAt(c.range.start)) || asked.some((at) => c.range.start > at && c.range.start - at <= SCALE_REACH));
}

/** "How bad is it, zero to ten?", "On a scale of one to ten": a scale asked for, whose answer is a bare number. */
const SCALE_ASKED = /\b(?:scale[ \t]+(?:of|from)|(?:zero|one|0|1)[ \t]+(?:to|through)[ \t]+(?:ten|10))\b/gi;
/** How far after the scale is named its answer may come ("Maybe a five. It was a two before."). */
const SCALE_REACH = 120;

/** Where `source` names a scale of ten, worked out once per source. */
const scaleQuestionsOf = perSource((source) => [...source.text.matchAll(SCALE_ASKED)].map((m) => m.index + m[0].length));

/** The statements of `source` that hold a score out of ten, worked out once per source. */
const scaleSegmentsOf = perSource(
  (source): ReadonlySet<number> => new Set(source.claims.filter((c) => c.kind === 'ratio' && c.b === 10).map((c) => source.segmentAt(c.range.start))),
);
