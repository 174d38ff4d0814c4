import { classesOfDrug, DRUG_CLASSES, type DrugClassId, type DrugEntry } from './drug-classes';
import type { TextRange } from './text-range';

/**
 * Finds drug names in free text: the class table's members and class names, plus a modest list of
 * common drugs notes name (below). Whole words only, case-insensitive (but for a few exact
 * abbreviations such as "ASA"); the words of a name may be joined by spaces, a hyphen or a slash,
 * so "amoxicillin-clavulanate", "amoxicillin/clavulanate", "TMP/SMX", "TMP-SMX" and "Z-Pak" are each
 * one mention. The longest name wins ("Bactrim DS" over "Bactrim").
 *
 * The text is split into words once and names are looked up by their first word, so the work is
 * linear in the text's length whatever the size of the list.
 *
 * A drug not on these lists is not found: this is a screening aid, not a drug database.
 */

/** Common drugs outside the class table, generic first, with unambiguous brands and abbreviations. */
const COMMON_DRUGS: readonly DrugEntry[] = [
  { generic: 'acetaminophen', names: ['tylenol', 'apap', 'paracetamol'] },
  { generic: 'metformin', names: ['glucophage'] },
  { generic: 'insulin' },
  { generic: 'insulin glargine', names: ['lantus', 'basaglar'] },
  { generic: 'insulin lispro', names: ['humalog'] },
  { generic: 'glipizide' },
  { generic: 'sitagliptin', names: ['januvia'] },
  { generic: 'empagliflozin', names: ['jardiance'] },
  { generic: 'semaglutide', names: ['ozempic', 'wegovy'] },
  { generic: 'amlodipine', names: ['norvasc'] },
  { generic: 'losartan', names: ['cozaar'] },
  { generic: 'valsartan', names: ['diovan'] },
  { generic: 'hydrochlorothiazide', names: ['hctz'] },
  { generic: 'chlorthalidone' },
  { generic: 'furosemide', names: ['lasix'] },
  { generic: 'spironolactone', names: ['aldactone'] },
  { generic: 'metoprolol', names: ['lopressor', 'toprol', 'toprol xl', 'metoprolol succinate', 'metoprolol tartrate'] },
  { generic: 'carvedilol', names: ['coreg'] },
  { generic: 'atenolol' },
  { generic: 'propranolol' },
  { generic: 'warfarin', names: ['coumadin'] },
  { generic: 'apixaban', names: ['eliquis'] },
  { generic: 'rivaroxaban', names: ['xarelto'] },
  { generic: 'clopidogrel', names: ['plavix'] },
  { generic: 'levothyroxine', names: ['synthroid', 'levoxyl'] },
  { generic: 'albuterol', names: ['ventolin', 'proair', 'salbutamol'] },
  { generic: 'fluticasone', names: ['flonase', 'flovent'] },
  { generic: 'budesonide' },
  { generic: 'tiotropium', names: ['spiriva'] },
  { generic: 'ipratropium', names: ['atrovent'] },
  { generic: 'salmeterol', names: ['serevent'] },
  { generic: 'formoterol' },
  { generic: 'olodaterol', names: ['striverdi'] },
  { generic: 'fluticasone-salmeterol', names: ['advair', 'wixela'], ingredients: ['fluticasone', 'salmeterol'] },
  { generic: 'budesonide-formoterol', names: ['symbicort'], ingredients: ['budesonide', 'formoterol'] },
  { generic: 'nicotine', names: ['nicoderm', 'nicorette'] },
  { generic: 'varenicline', names: ['chantix'] },
  { generic: 'enoxaparin', names: ['lovenox'] },
  { generic: 'insulin detemir', names: ['levemir'] },
  { generic: 'montelukast', names: ['singulair'] },
  { generic: 'prednisone' },
  { generic: 'prednisolone' },
  { generic: 'methylprednisolone', names: ['medrol'] },
  { generic: 'dexamethasone', names: ['decadron'] },
  { generic: 'omeprazole', names: ['prilosec'] },
  { generic: 'pantoprazole', names: ['protonix'] },
  { generic: 'famotidine', names: ['pepcid'] },
  { generic: 'ondansetron', names: ['zofran'] },
  { generic: 'gabapentin', names: ['neurontin'] },
  { generic: 'pregabalin', names: ['lyrica'] },
  { generic: 'cyclobenzaprine', names: ['flexeril'] },
  { generic: 'tizanidine', names: ['zanaflex'] },
  { generic: 'methocarbamol', names: ['robaxin'] },
  { generic: 'baclofen', names: ['lioresal'] },
  { generic: 'sertraline', names: ['zoloft'] },
  { generic: 'escitalopram', names: ['lexapro'] },
  { generic: 'citalopram', names: ['celexa'] },
  { generic: 'fluoxetine', names: ['prozac'] },
  { generic: 'bupropion', names: ['wellbutrin'] },
  { generic: 'duloxetine', names: ['cymbalta'] },
  { generic: 'venlafaxine', names: ['effexor'] },
  { generic: 'trazodone' },
  { generic: 'alprazolam', names: ['xanax'] },
  { generic: 'lorazepam', names: ['ativan'] },
  { generic: 'zolpidem', names: ['ambien'] },
  { generic: 'hydroxyzine' },
  { generic: 'cetirizine', names: ['zyrtec'] },
  { generic: 'loratadine', names: ['claritin'] },
  { generic: 'diphenhydramine', names: ['benadryl'] },
  { generic: 'benzonatate', names: ['tessalon', 'tessalon perles'] },
  { generic: 'guaifenesin', names: ['mucinex'] },
  { generic: 'dextromethorphan' },
  { generic: 'nitrofurantoin', names: ['macrobid', 'macrodantin'] },
  { generic: 'trimethoprim' },
  { generic: 'metronidazole', names: ['flagyl'] },
  { generic: 'clindamycin', names: ['cleocin'] },
  { generic: 'vancomycin' },
  { generic: 'fluconazole', names: ['diflucan'] },
  { generic: 'nystatin', names: ['mycostatin'] },
  { generic: 'chlorhexidine', names: ['peridex'] },
  { generic: 'oseltamivir', names: ['tamiflu'] },
  { generic: 'valacyclovir', names: ['valtrex'] },
  { generic: 'acyclovir' },
  { generic: 'tamsulosin', names: ['flomax'] },
  { generic: 'allopurinol' },
  { generic: 'colchicine' },
  { generic: 'sumatriptan', names: ['imitrex'] },
];

interface DrugMentionBase {
  range: TextRange;
  /** The words as written. */
  text: string;
  /** The table classes it belongs to (a class mention: the classes it names). */
  classes: readonly DrugClassId[];
}

/** A drug named in text. */
export interface DrugNameMention extends DrugMentionBase {
  kind: 'drug';
  /** The normalised generic name ("amoxicillin-clavulanate" for "Augmentin"). */
  generic: string;
  /** A combination's single generics; empty for a single drug. */
  ingredients: readonly string[];
}

/** A drug class named in text ("NSAIDs", "sulfa", "a cephalosporin"). */
export interface DrugClassMention extends DrugMentionBase {
  kind: 'class';
}

export type DrugMention = DrugNameMention | DrugClassMention;

type Target = { kind: 'drug'; entry: DrugEntry } | { kind: 'class'; classIds: readonly DrugClassId[] };

interface Name {
  /** Lower-case words. */
  words: readonly string[];
  /** Set for names matched with their exact capitalisation: the words as written. */
  exact?: readonly string[];
  target: Target;
}

/** Names that mean more than one class at once. */
const GROUP_NAMES: readonly [string, readonly DrugClassId[]][] = [
  ['beta lactams', ['penicillins', 'cephalosporins', 'carbapenems']],
  ['beta lactam antibiotics', ['penicillins', 'cephalosporins', 'carbapenems']],
  ['beta lactam', ['penicillins', 'cephalosporins', 'carbapenems']],
];

const wordsOf = (name: string) => name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Every name by its first word, longest first. */
const NAMES_BY_FIRST_WORD: ReadonlyMap<string, readonly Name[]> = (() => {
  const names: Name[] = [];
  const addEntry = (entry: DrugEntry) => {
    for (const n of [entry.generic, ...(entry.names ?? [])]) names.push({ words: wordsOf(n), target: { kind: 'drug', entry } });
    for (const n of entry.exactNames ?? []) names.push({ words: wordsOf(n), exact: n.split(/[^A-Za-z0-9]+/).filter(Boolean), target: { kind: 'drug', entry } });
  };
  for (const c of DRUG_CLASSES) {
    for (const m of c.members) addEntry(m);
    for (const n of c.classNames) names.push({ words: wordsOf(n), target: { kind: 'class', classIds: [c.id] } });
  }
  for (const m of COMMON_DRUGS) addEntry(m);
  for (const [n, classIds] of GROUP_NAMES) names.push({ words: wordsOf(n), target: { kind: 'class', classIds } });

  const byFirst = new Map<string, Name[]>();
  for (const n of names) {
    const first = n.words[0];
    if (first === undefined) continue;
    byFirst.set(first, [...(byFirst.get(first) ?? []), n]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
})();

/** What may join the words of one name: a space or two, or a hyphen or slash (spaces around allowed). */
const JOINER = /^(?:[ \t]{1,2}|[ \t]?[-/–][ \t]?)$/;

interface Word {
  start: number;
  end: number;
  lower: string;
}

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const re = /[A-Za-z0-9]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push({ start: m.index, end: m.index + m[0].length, lower: m[0].toLowerCase() });
  return words;
}

function matches(text: string, words: readonly Word[], at: number, name: Name): boolean {
  if (at + name.words.length > words.length) return false;
  for (let k = 0; k < name.words.length; k++) {
    const w = words[at + k]!;
    if (w.lower !== name.words[k]) return false;
    if (name.exact && text.slice(w.start, w.end) !== name.exact[k]) return false;
    if (k > 0 && !JOINER.test(text.slice(words[at + k - 1]!.end, w.start))) return false;
  }
  return true;
}

/** "non-penicillin", "non-NSAID": a word joined to a preceding "non" is not a mention. */
function afterNon(text: string, words: readonly Word[], at: number): boolean {
  const prev = words[at - 1];
  return prev !== undefined && prev.lower === 'non' && /^[-–]?$/.test(text.slice(prev.end, words[at]!.start));
}

/** Every drug and drug-class name in `text`, in order, not overlapping. */
export function findDrugMentions(text: string): DrugMention[] {
  const words = splitWords(text);
  const found: DrugMention[] = [];
  for (let i = 0; i < words.length; ) {
    const candidates = NAMES_BY_FIRST_WORD.get(words[i]!.lower);
    const name = candidates?.find((n) => matches(text, words, i, n));
    if (!name || afterNon(text, words, i)) {
      i += 1;
      continue;
    }
    const range = { start: words[i]!.start, end: words[i + name.words.length - 1]!.end };
    const written = text.slice(range.start, range.end);
    const t = name.target;
    if (t.kind === 'drug') {
      found.push({ kind: 'drug', range, text: written, generic: t.entry.generic, ingredients: t.entry.ingredients ?? [], classes: classesOfDrug(t.entry.generic) });
    } else {
      found.push({ kind: 'class', range, text: written, classes: t.classIds });
    }
    i += name.words.length;
  }
  return found;
}

/** The generic and, for a combination, its ingredients: a note's drug is "the same" as a chart's when these overlap. */
export function partsOf(mention: DrugNameMention): readonly string[] {
  return [mention.generic, ...mention.ingredients];
}

/**
 * How a finding names the drug: as written, capitalised, with the generic in brackets when the note
 * used another name ("Bactrim (trimethoprim-sulfamethoxazole)").
 */
export function displayName(mention: DrugMention): string {
  const written = mention.text.charAt(0).toUpperCase() + mention.text.slice(1);
  if (mention.kind === 'class') return written;
  const sameWords = wordsOf(mention.text).join(' ') === wordsOf(mention.generic).join(' ');
  return sameWords ? written : `${written} (${mention.generic})`;
}
