import { stem } from './claims';

/**
 * The words a visit says for a clinical word a note writes: "dysuria" is what a patient calls
 * burning when they pee, "myalgia" is muscle aches, "influenza" is the flu. A note's finding is
 * looked up under these too (match.ts), so a note that puts a visit in clinical words is not marked
 * unsupported for it. One direction only: the clinical word in the note may rest on the lay one in
 * the visit, not the reverse (a note's "white" is not supported by a visit's "composite").
 *
 * Only words that mean the clinical word wherever a visit says them near it, with its polarity:
 * "burn" for dysuria, not "pain". A word a patient uses for many things ("bad", "off") is not here.
 * Entries are written as words and stemmed on load, as claims.ts stems both sides.
 */
const LAY: Readonly<Record<string, readonly string[]>> = {
  // Symptoms
  dysuria: ['burning', 'burns', 'pee', 'peeing', 'urinate', 'urinating'],
  urinary: ['urine', 'pee', 'peeing', 'urinate', 'bladder'],
  frequency: ['often', 'frequent', 'frequently'],
  nocturia: ['night', 'overnight', 'pee', 'bathroom'],
  dysphagia: ['swallow', 'swallowing'],
  odynophagia: ['swallow', 'swallowing'],
  dyspnea: ['breath', 'breathing', 'winded'],
  myalgia: ['muscle', 'aches', 'achy', 'sore'],
  arthralgia: ['joint', 'aches'],
  fatigue: ['tired', 'exhausted', 'energy'],
  malaise: ['unwell', 'tired'],
  pruritus: ['itch', 'itchy', 'itching'],
  emesis: ['vomit', 'vomiting', 'threw'],
  vomiting: ['threw', 'throwing'],
  diarrhea: ['loose', 'watery', 'runny'],
  constipation: ['constipated', 'hard'],
  syncope: ['fainted', 'passed', 'blacked'],
  vertigo: ['spinning', 'dizzy'],
  paresthesia: ['tingling', 'numbness', 'numb', 'pins'],
  insomnia: ['sleep', 'sleeping', 'awake'],
  anxious: ['nervous', 'worried', 'scared', 'anxiety'],
  anxiety: ['nervous', 'worried', 'scared', 'anxious'],
  toothache: ['tooth', 'teeth', 'aches'],
  throbbing: ['throbs', 'pounding', 'pulsing'],
  soreness: ['sore', 'aches', 'achy'],
  tightness: ['tight', 'stiff'],
  stiffness: ['stiff', 'tight'],
  difficulty: ['hard', 'trouble', 'struggle'],
  overnight: ['night', 'nights'],
  nocturnal: ['night', 'nights'],
  // Conditions and body
  pregnancy: ['pregnant'],
  infected: ['infection', 'pus'],
  influenza: ['flu'],
  chemotherapy: ['chemo'],
  immunocompromised: ['immune', 'immunity'],
  glucose: ['sugar', 'sugars'],
  hyperglycemia: ['sugar', 'sugars', 'high'],
  hypoglycemia: ['sugar', 'sugars', 'low'],
  fasting: ['breakfast', 'morning', 'mornings', 'fast'],
  submandibular: ['jaw', 'neck'],
  cervical: ['neck'],
  lumbar: ['back'],
  thoracic: ['back'],
  mandibular: ['lower', 'jaw', 'bottom'],
  maxillary: ['upper', 'top'],
  anterior: ['front'],
  posterior: ['back'],
  inferior: ['bottom', 'lower'],
  superior: ['top', 'upper'],
  lateral: ['outside', 'outer'],
  medial: ['inside', 'inner'],
  hallux: ['toe'],
  halluce: ['toe', 'toes'],
  plantar: ['bottom', 'sole', 'heel'],
  calcaneal: ['heel'],
  cardiac: ['heart'],
  hepatic: ['liver'],
  pulmonary: ['lung', 'lungs'],
  gastric: ['stomach'],
  abdominal: ['belly', 'stomach', 'tummy'],
  ulceration: ['ulcer', 'sore'],
  calculus: ['tartar'],
  caries: ['cavity', 'cavities', 'decay'],
  restoration: ['filling'],
  composite: ['filling', 'tooth-colored', 'white'],
  prophylaxis: ['cleaning'],
  pulpectomy: ['root', 'canal', 'nerve'],
  intracanal: ['canal', 'inside'],
  medicament: ['medicine'],
  periwound: ['wound'],
  margin: ['edge'],
  maceration: ['soggy', 'wet', 'white'],
  injection: ['shot', 'shots', 'needle', 'needles', 'inject'],
  telephone: ['phone', 'call', 'calling'],
  discharge: ['discharged', 'hospital'],
  diet: ['eating', 'eat', 'food'],
  bedside: ['bed'],
  supratherapeutic: ['high'],
  subtherapeutic: ['low'],
};

/** Clinical stem → the stems of the words a visit says for it. */
export const LAY_STEMS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(LAY).map(([clinical, lay]) => [stem(clinical), [...new Set(lay.map(stem))].filter((s) => s !== stem(clinical))]),
);
