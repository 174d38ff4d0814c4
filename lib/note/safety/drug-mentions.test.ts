import { describe, expect, it } from 'vitest';
import { displayName, findDrugMentions, type DrugMention } from './drug-mentions';

const brief = (ms: DrugMention[]) => ms.map((m) => (m.kind === 'drug' ? `${m.text}=${m.generic}` : `${m.text}=[${m.classes.join(',')}]`));

describe('findDrugMentions', () => {
  it('finds generics, brands and classes as whole words, case-insensitively, with their ranges', () => {
    const text = 'Start Amoxicillin 875 mg BID; continue METFORMIN. Avoid NSAIDs.';
    const found = findDrugMentions(text);
    expect(brief(found)).toEqual(['Amoxicillin=amoxicillin', 'METFORMIN=metformin', 'NSAIDs=[nsaids]']);
    for (const m of found) expect(text.slice(m.range.start, m.range.end)).toBe(m.text);
  });

  it('maps brands to generics', () => {
    expect(brief(findDrugMentions('Advil, Motrin, Aleve, Keflex, Augmentin, Bactrim DS, Zithromax, Tylenol, Lipitor, Zestril'))).toEqual([
      'Advil=ibuprofen',
      'Motrin=ibuprofen',
      'Aleve=naproxen',
      'Keflex=cephalexin',
      'Augmentin=amoxicillin-clavulanate',
      'Bactrim DS=trimethoprim-sulfamethoxazole',
      'Zithromax=azithromycin',
      'Tylenol=acetaminophen',
      'Lipitor=atorvastatin',
      'Zestril=lisinopril',
    ]);
  });

  it('reads hyphens and slashes inside one name', () => {
    expect(brief(findDrugMentions('amoxicillin-clavulanate, amoxicillin/clavulanate, amox-clav, TMP/SMX, TMP-SMX, SMX - TMP, Z-Pak, ACE-I'))).toEqual([
      'amoxicillin-clavulanate=amoxicillin-clavulanate',
      'amoxicillin/clavulanate=amoxicillin-clavulanate',
      'amox-clav=amoxicillin-clavulanate',
      'TMP/SMX=trimethoprim-sulfamethoxazole',
      'TMP-SMX=trimethoprim-sulfamethoxazole',
      'SMX - TMP=trimethoprim-sulfamethoxazole',
      'Z-Pak=azithromycin',
      'ACE-I=[ace-inhibitors]',
    ]);
  });

  it('does not find names inside other words, after "non-", or "ASA" in lower case', () => {
    expect(findDrugMentions('Sulfate, codeinex, preamoxicillin, statinless, a non-penicillin antibiotic, the asa class')).toEqual([]);
    expect(brief(findDrugMentions('ASA 81 mg daily'))).toEqual(['ASA=aspirin']);
    expect(brief(findDrugMentions('morphine sulfate'))).toEqual(['morphine=morphine']);
  });

  it('gives combinations their ingredients and classes', () => {
    const [m] = findDrugMentions('Norco 5/325');
    expect(m).toMatchObject({ kind: 'drug', generic: 'hydrocodone-acetaminophen', ingredients: ['hydrocodone', 'acetaminophen'], classes: ['opioids'] });
    expect(brief(findDrugMentions('sulfa drugs; beta-lactams'))).toEqual(['sulfa drugs=[sulfonamide-antibiotics]', 'beta-lactams=[penicillins,cephalosporins,carbapenems]']);
  });

  it('names a drug as written, with its generic when written otherwise', () => {
    const names = findDrugMentions('amoxicillin, Bactrim, amoxicillin/clavulanate').map(displayName);
    expect(names).toEqual(['Amoxicillin', 'Bactrim (trimethoprim-sulfamethoxazole)', 'Amoxicillin/clavulanate']);
  });
  it('knows the drugs primary care, psychiatry, dental, podiatry and pediatric visits name', () => {
    expect(brief(findDrugMentions('Seroquel, lithium, Lamictal, Tums, Robitussin DM, Breo, Miralax, Colace, Senna, Imodium, Mounjaro, Trulicity, Proscar, Viagra'))).toEqual([
      'Seroquel=quetiapine',
      'lithium=lithium',
      'Lamictal=lamotrigine',
      'Tums=calcium carbonate',
      'Robitussin DM=dextromethorphan-guaifenesin',
      'Breo=fluticasone-vilanterol',
      'Miralax=polyethylene glycol',
      'Colace=docusate',
      'Senna=senna',
      'Imodium=loperamide',
      'Mounjaro=tirzepatide',
      'Trulicity=dulaglutide',
      'Proscar=finasteride',
      'Viagra=sildenafil',
    ]);
    expect(brief(findDrugMentions('Lamisil, Jublia, lidocaine, Orajel, vitamin D3, B12, ferrous sulfate, Zyrtec'))).toEqual([
      'Lamisil=terbinafine',
      'Jublia=efinaconazole',
      'lidocaine=lidocaine',
      'Orajel=benzocaine',
      'vitamin D3=vitamin d',
      'B12=cyanocobalamin',
      'ferrous sulfate=ferrous sulfate',
      'Zyrtec=cetirizine',
    ]);
  });

  it('reads "Tylenol #3" as acetaminophen with codeine, but not "Tylenol 3 times a day"', () => {
    expect(findDrugMentions('Tylenol #3 q6h prn')[0]).toMatchObject({ text: 'Tylenol #3', generic: 'acetaminophen-codeine', classes: ['opioids'] });
    expect(brief(findDrugMentions('Tylenol 3 times a day'))).toEqual(['Tylenol=acetaminophen']);
  });

  it('reads drugs joined by a hyphen or slash as one combination whose ingredients are the parts', () => {
    const [dm, ...rest] = findDrugMentions('dextromethorphan-guaifenesin 10 mL');
    expect(rest).toEqual([]);
    expect(dm).toMatchObject({ generic: 'dextromethorphan-guaifenesin', ingredients: ['dextromethorphan', 'guaifenesin'] });
    expect(findDrugMentions('salmeterol/fluticasone 250/50')).toMatchObject([{ text: 'salmeterol/fluticasone', generic: 'fluticasone-salmeterol', ingredients: ['fluticasone', 'salmeterol'] }]);
    expect(findDrugMentions('lisinopril/HCTZ 20/12.5')).toMatchObject([
      { text: 'lisinopril/HCTZ', generic: 'lisinopril-hydrochlorothiazide', ingredients: ['lisinopril', 'hydrochlorothiazide'], classes: ['ace-inhibitors'] },
    ]);
    expect(findDrugMentions('alternate Tylenol / Motrin')).toMatchObject([{ generic: 'acetaminophen-ibuprofen', ingredients: ['acetaminophen', 'ibuprofen'], classes: ['nsaids'] }]);
    expect(findDrugMentions('Excedrin')).toMatchObject([{ classes: ['nsaids'] }]);
    expect(brief(findDrugMentions('metformin, lisinopril - amlodipine'))).toEqual(['metformin=metformin', 'lisinopril=lisinopril', 'amlodipine=amlodipine']);
  });
});
