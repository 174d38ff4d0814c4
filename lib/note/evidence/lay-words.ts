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
 * Entries are written as words and stemmed on load, as claims.ts stems both sides: one string,
 * `clinical/other-form:lay lay;` (forms a stem does not join, "ambulating/ambulation", share one list).
 * Not here: clinical words whose meaning is a negation or a lack ("afebrile", "nontender",
 * "anhedonia", "anorexia"), which the lay word would support with the wrong polarity.
 */
export const LAY_WORDS =
  'dysuria:burning burns pee peeing urinate urinating;urinary:urine pee urinate bladder;' +
  'frequency:often frequent frequently;nocturia:night overnight pee bathroom;' +
  'dysphagia/odynophagia:swallow swallowing;dyspnea/dyspneic:breath breathing winded;' +
  'myalgia/myalgias:muscle aches achy sore;arthralgia/arthralgias:joint aches;fatigue:tired exhausted;' +
  'malaise:unwell tired;pruritus/pruritic:itch itchy itching;emesis:vomit vomiting threw;vomiting:threw throwing;' +
  'diarrhea:loose watery;constipation:constipated hard;syncope/syncopal:fainted passed blacked;' +
  'vertigo:spinning dizzy;paresthesia/paresthesias:tingling tingly tingle numbness numb pins needles;' +
  'insomnia:awake;anxious:nervous worried scared anxiety;anxiety:nervous worried scared anxious;' +
  'toothache/odontalgia:tooth teeth aches;throbbing:throbs pounding pulsing;soreness:aches achy;' +
  'tightness:stiff;stiffness:tight;difficulty:hard trouble struggle;overnight:night nights;' +
  'nocturnal:night nights;pregnancy/gravid:pregnant;infected:infection pus;influenza:flu;chemotherapy:chemo;' +
  'immunocompromised:immune immunity;glucose:sugar sugars;hyperglycemia:sugar sugars high;' +
  'hypoglycemia:sugar sugars low;fasting:breakfast morning mornings;submandibular:jaw neck;cervical:neck;' +
  'lumbar:back;thoracic:back;mandibular:lower jaw bottom;maxillary:upper top;anterior:front;posterior:back;' +
  'inferior:bottom lower;superior:top upper;lateral:outside outer;medial:inside inner;hallux:toe;halluce:toe toes;' +
  'plantar:bottom sole heel;calcaneal:heel;cardiac:heart;hepatic:liver;pulmonary:lung lungs;gastric:stomach;' +
  'abdominal:belly stomach tummy;ulceration:ulcer sore;calculus:tartar;caries:cavity cavities decay;' +
  'restoration:filling;composite:filling tooth-colored white;prophylaxis:cleaning;pulpectomy:root canal nerve;' +
  'intracanal:canal inside;medicament:medicine;periwound:wound;margin:edge;maceration:soggy wet white;' +
  'injection:shot needle inject;telephone:phone call calling;discharge:discharged hospital;diet:eating eat food;' +
  'bedside:bed;supratherapeutic:high;subtherapeutic:low;lymphadenopathy/adenopathy:glands gland nodes lump;' +
  'inguinal:groin;axillary/axilla:armpit underarm;melena:black tarry tar;' +
  'hematochezia/hematuria/hemoptysis/hematemesis:bloody;epistaxis:nosebleed bleeding;rhinorrhea:runny drippy;' +
  'cyanosis/cyanotic:blue bluish;pallor:pale;diaphoresis/diaphoretic/hyperhidrosis:sweaty sweating sweats;' +
  'fluctuance/fluctuant:squishy mushy;ecchymosis/ecchymoses/contusion:bruise bruising bruised;' +
  'hematoma:bruise lump;abrasion/abrasions:scrape scraped scratch;laceration/lacerations:cut;' +
  'malodor/malodorous/halitosis:smell smells odor stinks;suppuration/suppurative:pus;alveolar:bone socket;' +
  'gingival/gingiva/gingivitis/periodontal:gum gums;prominence:bump;insertion:attaches attach;' +
  'improvement/improved/improving/improves:better;ambulating/ambulation/ambulates/ambulatory:walking walk;' +
  'febrile/pyrexia:fever feverish;rigors:chills shaking;tachycardia/tachycardic:fast;' +
  'bradycardia/bradycardic:slow;orthopnea:lying flat pillows;dyspepsia:indigestion heartburn;' +
  'reflux/gerd/pyrosis:heartburn acid;polyuria:peeing urinating;polydipsia:thirsty thirst;otalgia:ear earache;' +
  'photophobia:light bright;phonophobia:noise loud;jaundice/jaundiced/icterus/icteric:yellow;' +
  'scleral/sclera:eye eyes;cachexia:thin;' +
  'lethargy/lethargic/somnolent/somnolence/sedation/sedated/drowsiness:sleepy drowsy;cephalgia:headache;' +
  'presyncope/presyncopal:lightheaded faint woozy;palpitations:racing pounding fluttering flutter skipping;' +
  'tachypnea/tachypneic:fast;stridor:noisy;rales:crackles crackling;productive/sputum/expectoration:phlegm mucus;' +
  'congestion/congested:stuffy stuffed blocked;nasal:nose;sinusitis:sinus sinuses;rhinitis:nose;' +
  'otorrhea:draining drainage leaking;tinnitus:ringing buzzing;otitis:ear;tympanic:eardrum;cerumen:wax earwax;' +
  'pharyngitis/pharyngeal/pharynx/oropharynx/oropharyngeal:throat;tonsillar:tonsil tonsils;exudate/exudative:pus;' +
  'dysphonia/laryngitis:hoarse raspy voice;hoarseness:raspy voice;conjunctival/conjunctivae/ocular/periorbital:eye eyes;' +
  'conjunctivitis:pinkeye eye;visual:vision sight;diplopia:double;lacrimation:tears watery watering;' +
  'claudication:cramping cramp;pedal:feet foot ankle ankles;extremity/extremities:leg legs arm arms;' +
  'hyperlipidemia/dyslipidemia/hypercholesterolemia:cholesterol;arrhythmia:irregular;fibrillation:afib a-fib;' +
  'anticoagulation/anticoagulant/anticoagulants:thinner thinners;venous/varicose/varicosities:vein veins;' +
  'vascular:circulation vessels;thrombosis/thrombus/embolism/embolus:clot clots;infarction:attack;' +
  'bronchospasm:wheezing wheezy tight;wheeze/wheezes:wheezing wheezy whistling;respiratory:breathing;' +
  'pleuritic:breathe breath;hypoxia/hypoxic/hypoxemia:oxygen;apnea:snoring snore;nebulizer:neb nebs;' +
  'epigastric:stomach belly;periumbilical/umbilical:navel bellybutton;suprapubic:bladder;flatulence:gas;' +
  'distension/distention/distended:bloated bloating;stool/stools/defecation:poop pooping poo;' +
  'incontinence:leaking leak wetting;tenesmus:straining;hepatomegaly:liver;splenomegaly:spleen;' +
  'cholecystitis/biliary/cholelithiasis:gallbladder gallstones;appendicitis:appendix;hemorrhoids:piles;' +
  'rectal:rectum butt;perianal/gluteal:butt buttock;dysgeusia:taste;xerostomia/xerosis:dry;' +
  'dehydration/dehydrated:fluids thirsty;oral:mouth;topical:cream ointment;urgency:urgent rush;' +
  'enuresis:bedwetting wetting;vaginal:vagina;vulvar:vulva;pelvic:pelvis;testicular:testicle testicles;' +
  'scrotal:scrotum;penile:penis;erectile:erection;dysmenorrhea:cramps period periods;' +
  'menorrhagia:heavy period periods;menses/menstruation/menstrual:period periods;' +
  'contraception/contraceptive:birth;nephrolithiasis/urolithiasis:stone stones;cystitis:bladder;' +
  'pyelonephritis:kidney;effusion:fluid swelling;crepitus:crunching grinding clicking popping cracking;' +
  'flexion:bending bend;extension:straightening straighten;rotation:twisting turning;gait:walking limp;' +
  'antalgic:limp limping;hypoesthesia/hypesthesia:numb numbness;radiculopathy:pinched shooting;' +
  'radiating/radiates/radiation:shooting travels spreads;sciatica:shooting;spasm/spasms:cramp cramping knot;' +
  'instability:buckling buckle;deformity:crooked;fracture/fractured:broke broken break;' +
  'tendinitis/tendonitis/tendinopathy:tendon;carpal:wrist;metacarpal:hand knuckle;' +
  'digit/digits:finger fingers toe toes;patella:kneecap;glenohumeral:shoulder;' +
  'acromioclavicular:shoulder collarbone;clavicle:collarbone;scapula/scapular:blade;' +
  'olecranon/epicondyle/epicondylitis:elbow;humerus:arm;femur:thigh;tibia/tibial:shin;malleolus/malleolar:ankle;' +
  'metatarsal/tarsal:foot;sacrum/coccyx:tailbone;paraspinal/paravertebral:back spine;spinal/vertebral:spine;' +
  'quadriceps:thigh quad;gastrocnemius:calf;fasciitis:heel;volar/palmar:palm;popliteal:knee;' +
  'onychomycosis:fungus fungal;onychocryptosis:ingrown;hyperkeratosis/hyperkeratotic:callus calluses;' +
  'tinea:fungus athlete ringworm;verruca:wart warts;dystrophic:thick thickened;friable:crumbly crumbling brittle;' +
  'paronychia:infection;subungual/periungual:nail;neuropathy/neuropathic:numbness numb nerve;cellulitis:infection;' +
  'eschar:scab;necrotic/necrosis:dead;induration/indurated:hard firm;serous:clear watery;' +
  'serosanguinous/serosanguineous:pink pinkish bloody;drainage:draining leaking oozing;abscess:boil;' +
  'macule/macular:spot spots;papule/papules/papular:bump bumps pimple;pustule/pustules/pustular:pimple whitehead;' +
  'vesicle/vesicles/vesicular/bulla/bullae/bullous:blister blisters;urticaria/urticarial:hives welts;' +
  'dermatitis:rash eczema;lesion/lesions:spot bump mole;nevus/nevi:mole moles;alopecia:hair bald balding;' +
  'excoriation/excoriations/excoriated:scratch scratched scratching;' +
  'desquamation/scaling/scaly:peeling flaky flaking;hyperpigmentation:dark darker;buccal:cheek;lingual:tongue;' +
  'labial:lip lips;palatal/palate:roof;occlusal/occlusion:bite biting chewing;mastication:chewing;' +
  'percussion:tapping tap;palpation:press pressing touch;radiograph/radiographs/radiographic/imaging:x-ray xray;' +
  'extraction:pull pulling;endodontic:root canal;mobility:loose wiggle wiggly;sensitivity:sensitive;' +
  'temporomandibular:jaw;bruxism:grinding clenching;operculum:flap;pericoronitis:gum;aphthous:canker;' +
  'cheilitis:cracked;anesthetic/anesthesia:numbing numb;premolar:tooth;hygiene:brushing brush flossing floss;' +
  'dysphoric/dysphoria:sad;irritability/irritable:cranky snappy irritated fussy;agitation/agitated:restless;' +
  'suicidal/suicidality:suicide kill;homicidal:kill;ideation:thoughts;hallucinations:voices;' +
  'concentration:focus focusing;hypersomnia:oversleeping;libido:sex;alcohol:beer wine liquor booze;' +
  'tobacco/smoker:cigarettes smoke smoking;cannabis/marijuana:weed pot;' +
  'tremor/tremors:shaking shaky shake;psychotherapy/counseling:therapy therapist counselor;' +
  'prescription:script scripts;adverse:effect effects;analgesic/analgesia:painkiller painkillers;' +
  'tablet/tablets/capsule/capsules:pill pills;vaccine/vaccination/immunization/immunizations:shot shots;' +
  'obese/obesity:overweight;feeding:bottle formula;voiding/void:pee peeing urinate diaper diapers;' +
  'infant/neonate/newborn:baby;worsening/worsened/worsens:worse;' +
  'exacerbation/exacerbated/exacerbates/aggravated/aggravates:worse flare;' +
  'alleviated/relieved/relieves:helps helped;resolved:gone;postprandial:eating meal meals;' +
  'exertional/exertion:stairs exercise;ataxia/unsteady/unsteadiness:balance wobbly;convulsion:seizure shaking;' +
  'confusion:confused;cognitive/cognition:memory;dysarthria:slurred slurring;hemiparesis:weak weakness;' +
  'facial:face;temporal:temple;frontal:forehead;goiter/thyromegaly/hypothyroidism/hyperthyroidism:thyroid;' +
  'osteoarthritis/rheumatoid:arthritis;streptococcal:strep;zoster:shingles;varicella:chickenpox;' +
  'candidiasis/candida:yeast thrush;lipohypertrophy:lump lumps lumpy';

/** Clinical stem → the stems of the words a visit says for it. */
export const LAY_STEMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const entry of LAY_WORDS.split(';')) {
    const [clinical = '', lay = ''] = entry.split(':');
    const layStems = lay.split(' ').map(stem);
    for (const form of clinical.split('/')) {
      const s = stem(form);
      map.set(s, [...new Set([...(map.get(s) ?? []), ...layStems])].filter((l) => l !== s));
    }
  }
  return map;
})();
