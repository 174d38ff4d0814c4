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

/**
 * Common drugs outside the class table, one entry per `;`: the generic first, then its unambiguous
 * brands and abbreviations, `,` between. A generic joined by `-` is a combination of those generics
 * ("fluticasone-salmeterol"). No brand that is an everyday word.
 */
const COMMON_DRUGS: readonly DrugEntry[] = (
  'acetaminophen,tylenol,apap,paracetamol;acetaminophen-aspirin-caffeine,excedrin;tramadol-acetaminophen,ultracet;' +
  'buprenorphine-naloxone,suboxone;naloxone,narcan;naltrexone,vivitrol;metformin,glucophage;' +
  'insulin glargine,lantus,toujeo;insulin lispro,humalog;insulin aspart,novolog;insulin detemir,levemir;' +
  'insulin nph,humulin n;glipizide;glimepiride,amaryl;pioglitazone,actos;sitagliptin,januvia;linagliptin,tradjenta;' +
  'empagliflozin,jardiance;dapagliflozin,farxiga;semaglutide,ozempic,wegovy,rybelsus;dulaglutide,trulicity;' +
  'liraglutide,victoza;tirzepatide,mounjaro,zepbound;amlodipine,norvasc;nifedipine,procardia;diltiazem,cardizem;' +
  'verapamil;losartan,cozaar;valsartan,diovan;olmesartan,benicar;losartan-hydrochlorothiazide,hyzaar;' +
  'lisinopril-hydrochlorothiazide,zestoretic;sacubitril-valsartan,entresto;hydrochlorothiazide,hctz;chlorthalidone;' +
  'furosemide,lasix;spironolactone,aldactone;hydralazine;' +
  'metoprolol,lopressor,toprol,toprol xl,metoprolol succinate,metoprolol tartrate;carvedilol,coreg;atenolol;propranolol;' +
  'nitroglycerin,nitrostat;isosorbide mononitrate,imdur;ezetimibe,zetia;fenofibrate,tricor;warfarin,coumadin;' +
  'apixaban,eliquis;rivaroxaban,xarelto;heparin;enoxaparin,lovenox;clopidogrel,plavix;levothyroxine,synthroid,levoxyl;' +
  'albuterol,ventolin,proair,salbutamol;ipratropium-albuterol,duoneb,combivent;fluticasone,flonase,flovent;' +
  'budesonide,pulmicort;mometasone,nasonex;triamcinolone,nasacort,kenalog;tiotropium,spiriva;ipratropium,atrovent;' +
  'salmeterol,serevent;formoterol;olodaterol,striverdi;fluticasone-salmeterol,advair,wixela;' +
  'budesonide-formoterol,symbicort;fluticasone-vilanterol,breo;fluticasone-umeclidinium-vilanterol,trelegy;' +
  'montelukast,singulair;epinephrine,epipen;nicotine,nicoderm,nicorette;varenicline,chantix;prednisone;' +
  'prednisolone,orapred;methylprednisolone,medrol;dexamethasone,decadron;hydrocortisone;clobetasol,temovate;' +
  'betamethasone;omeprazole,prilosec;esomeprazole,nexium;lansoprazole,prevacid;pantoprazole,protonix;famotidine,pepcid;' +
  'sucralfate,carafate;calcium carbonate,tums;ondansetron,zofran;promethazine,phenergan;metoclopramide,reglan;' +
  'meclizine,antivert;polyethylene glycol,miralax,peg 3350;docusate,colace;senna,senokot;senna-docusate,senokot s;' +
  'bisacodyl,dulcolax;loperamide,imodium;gabapentin,neurontin;pregabalin,lyrica;cyclobenzaprine,flexeril;' +
  'tizanidine,zanaflex;methocarbamol,robaxin;baclofen,lioresal;lidocaine,xylocaine,lidoderm;benzocaine,orajel,anbesol;' +
  'sumatriptan,imitrex;sertraline,zoloft;escitalopram,lexapro;citalopram,celexa;fluoxetine,prozac;paroxetine,paxil;' +
  'bupropion,wellbutrin;duloxetine,cymbalta;venlafaxine,effexor;mirtazapine,remeron;trazodone;amitriptyline,elavil;' +
  'nortriptyline,pamelor;buspirone,buspar;alprazolam,xanax;lorazepam,ativan;clonazepam,klonopin;diazepam,valium;' +
  'zolpidem,ambien;melatonin;hydroxyzine,vistaril,atarax;quetiapine,seroquel;aripiprazole,abilify;olanzapine,zyprexa;' +
  'risperidone,risperdal;haloperidol,haldol;lithium,lithobid;lamotrigine,lamictal;' +
  'divalproex,depakote,valproate,valproic acid;topiramate,topamax;levetiracetam,keppra;clonidine,catapres;' +
  'guanfacine,intuniv,tenex;methylphenidate,ritalin,concerta;dextroamphetamine-amphetamine,adderall;' +
  'lisdexamfetamine,vyvanse;cetirizine,zyrtec;levocetirizine,xyzal;loratadine,claritin;' +
  'loratadine-pseudoephedrine,claritin d;fexofenadine,allegra;diphenhydramine,benadryl;pseudoephedrine,sudafed;' +
  'oxymetazoline,afrin;benzonatate,tessalon,tessalon perles;guaifenesin,mucinex,robitussin;dextromethorphan,delsym;' +
  'dextromethorphan-guaifenesin,robitussin dm,mucinex dm;nitrofurantoin,macrobid,macrodantin;trimethoprim;' +
  'metronidazole,flagyl;clindamycin,cleocin;vancomycin;mupirocin,bactroban;bacitracin;' +
  'neomycin-polymyxin b-bacitracin,neosporin;ciprofloxacin-dexamethasone,ciprodex;fluconazole,diflucan;' +
  'nystatin,mycostatin;terbinafine,lamisil;clotrimazole;ketoconazole;miconazole,monistat;ciclopirox,penlac;' +
  'efinaconazole,jublia;permethrin,elimite;oseltamivir,tamiflu;valacyclovir,valtrex;acyclovir;' +
  'hydroxychloroquine,plaquenil;methotrexate;chlorhexidine,peridex;sodium fluoride,fluoride,prevident;salicylic acid;' +
  'tretinoin,retin a;zinc oxide,desitin;tamsulosin,flomax;finasteride,proscar;oxybutynin,ditropan;sildenafil,viagra;' +
  'tadalafil,cialis;phenazopyridine,pyridium,azo;estradiol,estrace;medroxyprogesterone,depo provera,provera;' +
  'alendronate,fosamax;allopurinol;colchicine;ferrous sulfate,feosol;folic acid;cyanocobalamin,vitamin b12,b12;' +
  'vitamin d,vitamin d3,vit d,cholecalciferol,ergocalciferol;potassium chloride,kcl,klor con'
)
  .split(';')
  .map((e): DrugEntry => {
    const [generic, ...names] = e.split(',') as [string, ...string[]];
    const ingredients = generic.split('-');
    return { generic, names, ...(ingredients.length > 1 ? { ingredients } : {}) };
  });

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
  /** Set for a name written with "#" ("Tylenol #3"): which words must follow a "#", so "Tylenol 3 times" is not one. */
  hash?: readonly boolean[];
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
    for (const n of [entry.generic, ...(entry.names ?? [])]) {
      const hash = n.includes('#') ? [...n.matchAll(/(#?)[a-z0-9]+/g)].map((m) => m[1] === '#') : undefined;
      names.push({ words: wordsOf(n), ...(hash ? { hash } : {}), target: { kind: 'drug', entry } });
    }
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
const HASH_JOINER = /^[ \t]?#$/;
/** What joins two drugs into one combination product: a hyphen, or a slash (spaces around allowed). */
const COMBINATION_JOINER = /^(?:[-–]|[ \t]?\/[ \t]?)$/;

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
    if (k > 0 && !(name.hash?.[k] ? HASH_JOINER : JOINER).test(text.slice(words[at + k - 1]!.end, w.start))) return false;
  }
  return true;
}

/** "non-penicillin", "non-NSAID": a word joined to a preceding "non" is not a mention. */
function afterNon(text: string, words: readonly Word[], at: number): boolean {
  const prev = words[at - 1];
  return prev !== undefined && prev.lower === 'non' && /^[-–]?$/.test(text.slice(prev.end, words[at]!.start));
}

const ingredientsKey = (ingredients: readonly string[]) => [...ingredients].sort().join('+');

/** The tables' combinations by their ingredients, in any order: "salmeterol/fluticasone" is Advair's fluticasone-salmeterol. */
const COMBINATION_OF: ReadonlyMap<string, DrugEntry> = new Map(
  [...DRUG_CLASSES.flatMap((c) => c.members), ...COMMON_DRUGS].filter((e) => e.ingredients).map((e) => [ingredientsKey(e.ingredients!), e]),
);

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/**
 * One drug mention from the drugs written joined by hyphens or slashes: "dextromethorphan-guaifenesin",
 * "lisinopril/HCTZ" and "Tylenol/Motrin" are each one combination whose ingredients are the parts, a
 * combination the tables know by its own generic whatever the order, any other by its parts joined.
 */
function drugMention(range: TextRange, text: string, entries: readonly DrugEntry[]): DrugNameMention {
  const parts = unique(entries.flatMap((e) => e.ingredients ?? [e.generic]));
  const single = entries.length === 1 || parts.length === 1 ? entries[0]! : undefined;
  const known = single ?? COMBINATION_OF.get(ingredientsKey(parts));
  const generic = known?.generic ?? parts.join('-');
  const ingredients = known ? (known.ingredients ?? []) : parts;
  return { kind: 'drug', range, text, generic, ingredients, classes: unique([generic, ...ingredients].flatMap(classesOfDrug)) };
}

/** Every drug and drug-class name in `text`, in order, not overlapping. */
export function findDrugMentions(text: string): DrugMention[] {
  const words = splitWords(text);
  const found: DrugMention[] = [];
  const nameAt = (at: number) => NAMES_BY_FIRST_WORD.get(words[at]!.lower)?.find((n) => matches(text, words, at, n));
  for (let i = 0; i < words.length; ) {
    const name = nameAt(i);
    if (!name || afterNon(text, words, i)) {
      i += 1;
      continue;
    }
    let end = i + name.words.length;
    const t = name.target;
    if (t.kind === 'drug') {
      const entries = [t.entry];
      for (let next: Name | undefined; end < words.length && COMBINATION_JOINER.test(text.slice(words[end - 1]!.end, words[end]!.start)); end += next.words.length) {
        next = nameAt(end);
        if (next?.target.kind !== 'drug') break;
        entries.push(next.target.entry);
      }
      const range = { start: words[i]!.start, end: words[end - 1]!.end };
      found.push(drugMention(range, text.slice(range.start, range.end), entries));
    } else {
      const range = { start: words[i]!.start, end: words[end - 1]!.end };
      found.push({ kind: 'class', range, text: text.slice(range.start, range.end), classes: t.classIds });
    }
    i = end;
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
