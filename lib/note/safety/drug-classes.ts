/**
 * A small, curated table of drug classes for allergy screening: which drugs belong to a class, the
 * names a chart or a note uses for the class itself ("PCN", "sulfa", "NSAIDs"), and how an allergy
 * to one member bears on another member or on a neighbouring class.
 *
 * This is a screening aid, not a drug database. It covers the classes behind most charted drug
 * allergies and the drugs most often written in primary-care and urgent-care plans; a drug it does
 * not know is simply not checked. Every finding it leads to is a prompt to look, never a block.
 *
 * Sources and rationale (kept short on purpose):
 * - Class membership follows the usual pharmacological grouping (FDA established pharmacologic class,
 *   as printed on US labels). Brand names are listed only where they name one product unambiguously.
 * - Penicillin → cephalosporin: cross-reactivity is about 1–2% overall, mostly through shared R1
 *   side chains (cephalexin and cefadroxil share amoxicillin's/ampicillin's); penicillin → carbapenem
 *   is under 1% (AAAAI/ACAAI drug allergy practice parameter, 2022). Both are a caution, not a conflict.
 * - "Sulfa" means the sulfonamide antibiotics (and sulfasalazine, which releases sulfapyridine).
 *   Non-antibiotic sulfonamides (furosemide, hydrochlorothiazide, celecoxib, sulfonylureas) are left
 *   out on purpose: the excess reactions seen with them reflect a general tendency to allergy, not
 *   cross-reactivity (Strom et al., N Engl J Med 2003;349:1628).
 * - NSAIDs: reactions to aspirin or one NSAID commonly extend to the others that inhibit COX-1, and
 *   NSAID labels (celecoxib's too) list a reaction to aspirin or another NSAID as a contraindication.
 *   Aspirin is an NSAID here, low-dose aspirin included.
 * - Macrolides, fluoroquinolones, tetracyclines, ACE inhibitors, carbapenems: their labels
 *   contraindicate use after a reaction to any member of the class (for ACE inhibitors, angioedema).
 * - Cephalosporin to cephalosporin, opioid to opioid and statin to statin are cautions only:
 *   cephalosporin cross-reactivity follows side chains rather than the class; many charted opioid
 *   "allergies" are intolerance or histamine release; statin reactions are mostly muscle symptoms and
 *   another statin is routinely tried.
 */

export type DrugClassId =
  | 'penicillins'
  | 'cephalosporins'
  | 'carbapenems'
  | 'sulfonamide-antibiotics'
  | 'nsaids'
  | 'macrolides'
  | 'fluoroquinolones'
  | 'tetracyclines'
  | 'opioids'
  | 'ace-inhibitors'
  | 'statins';

/** One drug as notes name it. */
export interface DrugEntry {
  /** The normalised generic name, lower case; combinations joined by `-` ("amoxicillin-clavulanate"). */
  generic: string;
  /** Other names notes use: brands, abbreviations, spelling variants (matched case-insensitively). */
  names?: readonly string[];
  /** Names matched only with this exact capitalisation ("ASA", which is also a plain abbreviation). */
  exactNames?: readonly string[];
  /** For a combination: the single generics it contains. */
  ingredients?: readonly string[];
  /** In an allergy list this name means its whole class ("penicillin allergy" is a class allergy). */
  allergyMeansClass?: boolean;
  /** Said after the explanation of any finding about this drug. */
  note?: string;
}

export type AllergySeverity = 'conflict' | 'cross-reactivity';

export interface DrugClass {
  id: DrugClassId;
  /** "penicillins": the class in a sentence. */
  plural: string;
  /** "a penicillin": one member in a sentence ("Amoxicillin is a penicillin"). */
  aMember: string;
  /** Names that mean the whole class, in an allergy list or a note (matched case-insensitively). */
  classNames: readonly string[];
  members: readonly DrugEntry[];
  /** An allergy to one member, and another member in the note. */
  withinClass: { severity: AllergySeverity; why: string };
  /** Neighbouring classes an allergy to this one may cross-react with: always a caution. */
  crossReactsWith?: readonly { classId: DrugClassId; why: string }[];
}

const PCN_TO_CEPH = 'Cross-reactivity with penicillin allergy is uncommon (about 1–2%), more likely when side chains match (cephalexin or cefadroxil with amoxicillin or ampicillin).';

export const DRUG_CLASSES: readonly DrugClass[] = [
  {
    id: 'penicillins',
    plural: 'penicillins',
    aMember: 'a penicillin',
    classNames: ['penicillins', 'pcn', 'pcns', 'penicillin class', 'penicillin antibiotics'],
    members: [
      { generic: 'penicillin', allergyMeansClass: true },
      { generic: 'penicillin v', names: ['penicillin vk', 'pen vk', 'penicillin v potassium'] },
      { generic: 'penicillin g', names: ['bicillin', 'benzathine penicillin', 'benzathine penicillin g'] },
      { generic: 'amoxicillin', names: ['amoxil', 'amox'] },
      { generic: 'ampicillin' },
      {
        generic: 'amoxicillin-clavulanate',
        names: ['augmentin', 'amoxicillin clavulanate', 'amoxicillin clavulanic acid', 'amox clav', 'amoxiclav', 'co amoxiclav'],
        ingredients: ['amoxicillin', 'clavulanate'],
      },
      { generic: 'ampicillin-sulbactam', names: ['unasyn', 'ampicillin sulbactam'], ingredients: ['ampicillin', 'sulbactam'] },
      {
        generic: 'piperacillin-tazobactam',
        names: ['zosyn', 'piperacillin tazobactam', 'pip tazo', 'pip tazobactam'],
        ingredients: ['piperacillin', 'tazobactam'],
      },
      { generic: 'piperacillin' },
      { generic: 'dicloxacillin' },
      { generic: 'nafcillin' },
      { generic: 'oxacillin' },
    ],
    withinClass: { severity: 'conflict', why: 'A penicillin allergy is treated as an allergy to the whole class until tested.' },
    crossReactsWith: [
      { classId: 'cephalosporins', why: PCN_TO_CEPH },
      { classId: 'carbapenems', why: 'Cross-reactivity between penicillins and carbapenems is under 1%.' },
    ],
  },
  {
    id: 'cephalosporins',
    plural: 'cephalosporins',
    aMember: 'a cephalosporin',
    classNames: ['cephalosporins', 'cephalosporin', 'cephalosporin antibiotics'],
    members: [
      { generic: 'cephalexin', names: ['keflex', 'cefalexin'] },
      { generic: 'cefadroxil', names: ['duricef'] },
      { generic: 'cefaclor' },
      { generic: 'cefazolin', names: ['ancef'] },
      { generic: 'cefuroxime', names: ['ceftin'] },
      { generic: 'cefprozil' },
      { generic: 'cefdinir', names: ['omnicef'] },
      { generic: 'cefpodoxime' },
      { generic: 'cefixime', names: ['suprax'] },
      { generic: 'ceftriaxone', names: ['rocephin'] },
      { generic: 'cefotaxime' },
      { generic: 'ceftazidime' },
      { generic: 'cefepime' },
    ],
    withinClass: { severity: 'cross-reactivity', why: 'Cross-reactivity between cephalosporins depends mostly on their side chains, not the class.' },
    crossReactsWith: [
      { classId: 'penicillins', why: 'Cross-reactivity with cephalosporin allergy is uncommon (about 1–2%), more likely when side chains match.' },
    ],
  },
  {
    id: 'carbapenems',
    plural: 'carbapenems',
    aMember: 'a carbapenem',
    classNames: ['carbapenems', 'carbapenem'],
    members: [
      { generic: 'meropenem', names: ['merrem'] },
      { generic: 'imipenem', names: ['imipenem cilastatin', 'primaxin'] },
      { generic: 'ertapenem', names: ['invanz'] },
    ],
    withinClass: { severity: 'conflict', why: 'Carbapenem labels contraindicate use after a reaction to another carbapenem.' },
    crossReactsWith: [{ classId: 'penicillins', why: 'Cross-reactivity between carbapenems and penicillins is under 1%.' }],
  },
  {
    id: 'sulfonamide-antibiotics',
    plural: 'sulfonamide antibiotics',
    aMember: 'a sulfonamide antibiotic',
    classNames: ['sulfa', 'sulfa drugs', 'sulfa drug', 'sulfa antibiotics', 'sulfonamides', 'sulfonamide', 'sulfonamide antibiotics', 'sulpha', 'sulpha drugs'],
    members: [
      { generic: 'sulfamethoxazole' },
      {
        generic: 'trimethoprim-sulfamethoxazole',
        names: [
          'bactrim',
          'bactrim ds',
          'septra',
          'septra ds',
          'tmp smx',
          'smx tmp',
          'trimethoprim sulfamethoxazole',
          'sulfamethoxazole trimethoprim',
          'co trimoxazole',
          'cotrimoxazole',
        ],
        ingredients: ['trimethoprim', 'sulfamethoxazole'],
      },
      { generic: 'sulfadiazine', names: ['silver sulfadiazine', 'silvadene'] },
      { generic: 'sulfisoxazole' },
      { generic: 'sulfasalazine', names: ['azulfidine'], note: 'Sulfasalazine releases sulfapyridine, a sulfonamide.' },
    ],
    withinClass: { severity: 'conflict', why: 'A "sulfa" allergy is taken to mean the sulfonamide antibiotics.' },
  },
  {
    id: 'nsaids',
    plural: 'NSAIDs',
    aMember: 'an NSAID',
    classNames: ['nsaids', 'nsaid', 'non steroidal anti inflammatory drugs', 'nonsteroidal anti inflammatory drugs', 'non steroidal anti inflammatories', 'nonsteroidal anti inflammatories'],
    members: [
      { generic: 'ibuprofen', names: ['advil', 'motrin'] },
      { generic: 'naproxen', names: ['aleve', 'naprosyn', 'anaprox'] },
      { generic: 'diclofenac', names: ['voltaren'] },
      { generic: 'ketorolac', names: ['toradol'] },
      { generic: 'meloxicam', names: ['mobic'] },
      { generic: 'celecoxib', names: ['celebrex'], note: 'Celecoxib is COX-2 selective and is sometimes tolerated, but its label lists this as a contraindication.' },
      { generic: 'indomethacin', names: ['indocin'] },
      { generic: 'etodolac' },
      { generic: 'nabumetone' },
      { generic: 'ketoprofen' },
      { generic: 'piroxicam', names: ['feldene'] },
      { generic: 'oxaprozin', names: ['daypro'] },
      { generic: 'sulindac' },
      { generic: 'flurbiprofen' },
      { generic: 'diflunisal' },
      { generic: 'mefenamic acid', names: ['ponstel'] },
      { generic: 'aspirin', names: ['acetylsalicylic acid', 'ecotrin'], exactNames: ['ASA'], note: 'Aspirin is an NSAID, low-dose aspirin included.' },
    ],
    withinClass: { severity: 'conflict', why: 'Reactions to aspirin or one NSAID often extend to other NSAIDs.' },
  },
  {
    id: 'macrolides',
    plural: 'macrolides',
    aMember: 'a macrolide',
    classNames: ['macrolides', 'macrolide', 'macrolide antibiotics'],
    members: [
      { generic: 'azithromycin', names: ['zithromax', 'z pak', 'z pack', 'zpak', 'zpack'] },
      { generic: 'clarithromycin', names: ['biaxin'] },
      { generic: 'erythromycin' },
    ],
    withinClass: { severity: 'conflict', why: 'Macrolide labels contraindicate use after a reaction to any macrolide.' },
  },
  {
    id: 'fluoroquinolones',
    plural: 'fluoroquinolones',
    aMember: 'a fluoroquinolone',
    classNames: ['fluoroquinolones', 'fluoroquinolone', 'quinolones', 'quinolone'],
    members: [
      { generic: 'ciprofloxacin', names: ['cipro'] },
      { generic: 'levofloxacin', names: ['levaquin'] },
      { generic: 'moxifloxacin', names: ['avelox'] },
      { generic: 'ofloxacin' },
    ],
    withinClass: { severity: 'conflict', why: 'Fluoroquinolone labels contraindicate use after a reaction to any quinolone.' },
  },
  {
    id: 'tetracyclines',
    plural: 'tetracyclines',
    aMember: 'a tetracycline',
    classNames: ['tetracyclines', 'tetracycline class'],
    members: [
      { generic: 'doxycycline', names: ['vibramycin', 'doxy', 'doryx'] },
      { generic: 'minocycline', names: ['minocin', 'solodyn'] },
      { generic: 'tetracycline', allergyMeansClass: true },
    ],
    withinClass: { severity: 'conflict', why: 'Tetracycline labels contraindicate use after a reaction to any tetracycline.' },
  },
  {
    id: 'opioids',
    plural: 'opioids',
    aMember: 'an opioid',
    classNames: ['opioids', 'opioid', 'opiates', 'opiate', 'narcotics', 'narcotic'],
    members: [
      { generic: 'codeine' },
      { generic: 'acetaminophen-codeine', names: ['tylenol with codeine', 'acetaminophen codeine', 'apap codeine', 'tylenol #3', 'tylenol #4'], ingredients: ['acetaminophen', 'codeine'] },
      { generic: 'morphine', names: ['ms contin'] },
      { generic: 'hydrocodone' },
      {
        generic: 'hydrocodone-acetaminophen',
        names: ['norco', 'vicodin', 'lortab', 'hydrocodone acetaminophen', 'hydrocodone apap'],
        ingredients: ['hydrocodone', 'acetaminophen'],
      },
      { generic: 'oxycodone', names: ['oxycontin', 'roxicodone'] },
      { generic: 'oxycodone-acetaminophen', names: ['percocet', 'oxycodone acetaminophen', 'oxycodone apap'], ingredients: ['oxycodone', 'acetaminophen'] },
      { generic: 'hydromorphone', names: ['dilaudid'] },
      { generic: 'tramadol', names: ['ultram'] },
      { generic: 'tapentadol', names: ['nucynta'] },
      { generic: 'fentanyl', names: ['duragesic'] },
      { generic: 'methadone' },
      { generic: 'buprenorphine', names: ['subutex', 'butrans'] },
      { generic: 'meperidine', names: ['demerol'] },
      { generic: 'oxymorphone' },
    ],
    withinClass: {
      severity: 'cross-reactivity',
      why: 'Many charted opioid reactions are intolerance; true cross-reactivity is uncertain, highest among morphine-like opioids.',
    },
  },
  {
    id: 'ace-inhibitors',
    plural: 'ACE inhibitors',
    aMember: 'an ACE inhibitor',
    classNames: ['ace inhibitors', 'ace inhibitor', 'acei', 'aceis', 'ace i'],
    members: [
      { generic: 'lisinopril', names: ['zestril', 'prinivil'] },
      { generic: 'enalapril', names: ['vasotec'] },
      { generic: 'ramipril', names: ['altace'] },
      { generic: 'benazepril', names: ['lotensin'] },
      { generic: 'captopril' },
      { generic: 'quinapril', names: ['accupril'] },
      { generic: 'fosinopril' },
      { generic: 'perindopril' },
    ],
    withinClass: { severity: 'conflict', why: 'Angioedema or another reaction to one ACE inhibitor contraindicates them all.' },
  },
  {
    id: 'statins',
    plural: 'statins',
    aMember: 'a statin',
    classNames: ['statins', 'statin', 'hmg coa reductase inhibitors'],
    members: [
      { generic: 'atorvastatin', names: ['lipitor'] },
      { generic: 'simvastatin', names: ['zocor'] },
      { generic: 'rosuvastatin', names: ['crestor'] },
      { generic: 'pravastatin', names: ['pravachol'] },
      { generic: 'lovastatin' },
      { generic: 'pitavastatin', names: ['livalo'] },
    ],
    withinClass: { severity: 'cross-reactivity', why: 'Statin reactions are mostly muscle symptoms, and another statin is often tried.' },
  },
];

const BY_ID = new Map(DRUG_CLASSES.map((c) => [c.id, c]));
const CLASSES_OF = new Map<string, DrugClassId[]>();
const ENTRY_OF = new Map<string, DrugEntry>();
for (const c of DRUG_CLASSES) {
  for (const m of c.members) {
    CLASSES_OF.set(m.generic, [...(CLASSES_OF.get(m.generic) ?? []), c.id]);
    ENTRY_OF.set(m.generic, m);
  }
}

export function drugClass(id: DrugClassId): DrugClass {
  const found = BY_ID.get(id);
  if (!found) throw new Error('Unknown drug class');
  return found;
}

/** The classes a generic (or any of a combination's ingredients) belongs to; none for drugs outside the table. */
export function classesOfDrug(generic: string): readonly DrugClassId[] {
  const own = CLASSES_OF.get(generic) ?? [];
  const fromIngredients = (ENTRY_OF.get(generic)?.ingredients ?? []).flatMap((i) => CLASSES_OF.get(i) ?? []);
  return [...new Set([...own, ...fromIngredients])];
}

/** The table's entry for a generic, when it is a class member. */
export function classMember(generic: string): DrugEntry | undefined {
  return ENTRY_OF.get(generic);
}
