import type { ChartItem } from '../../ehr/chart-context';
import { classMember, drugClass, type AllergySeverity, type DrugClass, type DrugClassId } from './drug-classes';
import { displayName, findDrugMentions, partsOf, type DrugMention } from './drug-mentions';
import { isNegated } from './negation';
import type { TextRange } from './text-range';

/**
 * Drugs in a note (the Plan, as a rule) that match a charted allergy: the same drug, a drug of an
 * allergic class ("penicillin" and amoxicillin, "sulfa" and Bactrim, "NSAIDs" and ibuprofen), a
 * drug of the same class as an allergic drug (aspirin and naproxen), or a neighbouring class
 * (penicillins and cephalosporins, as a lower-severity caution). The class table says which pairs
 * are a conflict and which a caution, and why.
 *
 * - Nothing is said when the allergy list is empty or says NKDA: there is nothing to match.
 * - A drug the note names as not to give ("avoid NSAIDs", "discontinue amoxicillin", "no
 *   penicillins", "allergic to sulfa") is not a conflict: see negation.ts.
 * - A drug named twice in the same text against the same allergy is reported once, at its first
 *   mention; a drug matching two allergy lines is reported for each.
 * - Allergy lines are quoted in explanations (shortened to 80 characters); like the note text they
 *   are PHI, to be shown, never logged.
 */

/** A charted allergy: a ChartItem, or a line the clinician typed. Items of another kind are ignored. */
export type AllergyLine = Pick<ChartItem, 'text'> & Partial<Pick<ChartItem, 'id' | 'kind'>>;

export interface AllergyConflict {
  /** The drug as the note names it, with its generic when written otherwise ("Bactrim (trimethoprim-sulfamethoxazole)"). */
  drug: string;
  /** The normalised generic; absent when the note names a class ("cephalosporins"). */
  generic?: string;
  /** The allergy line as charted. */
  allergy: string;
  allergyId?: string;
  /** The class that links them ("penicillins"); absent for the same drug. */
  class?: string;
  classId?: DrugClassId;
  severity: AllergySeverity;
  /** A plain sentence naming the drug and the allergy, and why they match. */
  explanation: string;
  range: TextRange;
}

/** What an allergy line names: a whole class, or one drug. */
export type Allergen =
  | { kind: 'class'; classIds: readonly DrugClassId[]; written: string }
  | { kind: 'drug'; generic: string; parts: readonly string[]; classes: readonly DrugClassId[]; written: string };

function quote(line: string): string {
  const t = line.trim().replace(/\s+/g, ' ');
  return `"${t.length > 80 ? `${t.slice(0, 79)}…` : t}"`;
}

/** What one allergy line names. "No known drug allergies" names nothing. */
export function allergensOf(line: string): Allergen[] {
  return findDrugMentions(line).map((m): Allergen => {
    if (m.kind === 'class') return { kind: 'class', classIds: m.classes, written: m.text };
    if (classMember(m.generic)?.allergyMeansClass) return { kind: 'class', classIds: m.classes, written: m.text };
    return { kind: 'drug', generic: m.generic, parts: partsOf(m), classes: m.classes, written: m.text };
  });
}

interface Match {
  severity: AllergySeverity;
  cls?: DrugClass;
  explanation: string;
}

function withNote(sentence: string, mention: DrugMention): string {
  const note = mention.kind === 'drug' ? classMember(mention.generic)?.note : undefined;
  return note ? `${sentence} ${note}` : sentence;
}

/** How one mention in the note meets one allergen, if it does; the most severe reading wins. */
function compare(mention: DrugMention, allergen: Allergen, line: string): Match | undefined {
  const listed = `on the chart's allergy list (${quote(line)})`;
  const isClass = mention.kind === 'class';
  const d = isClass ? `"${mention.text}"` : displayName(mention);
  const be = (cls: DrugClass) => (isClass ? `names ${cls.plural}` : `is ${cls.aMember}`);

  if (!isClass && allergen.kind === 'drug') {
    const mine = partsOf(mention);
    const shared = mine.find((p) => allergen.parts.includes(p));
    if (shared !== undefined) {
      const explanation =
        mention.generic === allergen.generic
          ? `${d} is ${listed}.`
          : shared === mention.generic
            ? `${d} is in ${allergen.written}, which is ${listed}.`
            : `${d} contains ${shared}, which is ${listed}.`;
      return { severity: 'conflict', explanation };
    }
  }

  const allergenClasses = allergen.kind === 'class' ? allergen.classIds : allergen.classes;
  const what = (cls: DrugClass) =>
    allergen.kind === 'class' ? `${cls.plural} are ${listed}` : `${allergen.written} (${cls.aMember}) is ${listed}`;

  const sameClass = allergenClasses.find((id) => mention.classes.includes(id));
  if (sameClass !== undefined) {
    const cls = drugClass(sameClass);
    // An allergy to a class, or a class named in the note, takes in every member: a conflict.
    if (allergen.kind === 'class' || isClass) {
      return { severity: 'conflict', cls, explanation: withNote(`${d} ${be(cls)}, and ${what(cls)}.`, mention) };
    }
    const { severity, why } = cls.withinClass;
    return { severity, cls, explanation: withNote(`${d} ${be(cls)}, like ${allergen.written}, which is ${listed}. ${why}`, mention) };
  }

  for (const id of allergenClasses) {
    const from = drugClass(id);
    const cross = from.crossReactsWith?.find((x) => mention.classes.includes(x.classId));
    if (cross) {
      const cls = drugClass(cross.classId);
      return { severity: 'cross-reactivity', cls, explanation: `${d} ${be(cls)}, and ${what(from)}. ${cross.why}` };
    }
  }
  return undefined;
}

/**
 * Drugs and drug classes in `text` that meet a charted allergy, in text order. `allergies` may be the
 * chart's items (only those of kind `allergy` are read) or typed lines.
 */
export function findAllergyConflicts(text: string, allergies: readonly AllergyLine[]): AllergyConflict[] {
  const lines = allergies
    .filter((a) => a.kind === undefined || a.kind === 'allergy')
    .map((a) => ({ line: a, allergens: allergensOf(a.text) }))
    .filter((a) => a.allergens.length > 0);
  if (lines.length === 0 || !text) return [];

  const conflicts: AllergyConflict[] = [];
  const seen = new Set<string>();
  for (const mention of findDrugMentions(text)) {
    if (isNegated(text, mention.range)) continue;
    const key = mention.kind === 'drug' ? mention.generic : mention.classes.join('+');
    lines.forEach(({ line, allergens }, index) => {
      const matches = allergens.map((a) => compare(mention, a, line.text)).filter((m): m is Match => m !== undefined);
      const best = matches.find((m) => m.severity === 'conflict') ?? matches[0];
      if (!best || seen.has(`${key}|${index}`)) return;
      seen.add(`${key}|${index}`);
      const conflict: AllergyConflict = {
        drug: mention.kind === 'drug' ? displayName(mention) : mention.text,
        allergy: line.text,
        severity: best.severity,
        explanation: best.explanation,
        range: mention.range,
      };
      if (mention.kind === 'drug') conflict.generic = mention.generic;
      if (line.id !== undefined) conflict.allergyId = line.id;
      if (best.cls) {
        conflict.class = best.cls.plural;
        conflict.classId = best.cls.id;
      }
      conflicts.push(conflict);
    });
  }
  return conflicts;
}
