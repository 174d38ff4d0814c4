import { describe, expect, it } from 'vitest';
import { classesOfDrug, classMember, DRUG_CLASSES, drugClass, type DrugClassId } from './drug-classes';

const members = (id: DrugClassId) => drugClass(id).members.map((m) => m.generic);

describe('the drug class table', () => {
  it('holds the members the issue names', () => {
    expect(members('penicillins')).toEqual(
      expect.arrayContaining(['amoxicillin', 'ampicillin', 'amoxicillin-clavulanate', 'penicillin v', 'penicillin g', 'piperacillin', 'dicloxacillin', 'nafcillin']),
    );
    expect(members('cephalosporins')).toEqual(expect.arrayContaining(['cephalexin', 'cefdinir', 'ceftriaxone', 'cefuroxime', 'cefazolin']));
    expect(members('sulfonamide-antibiotics')).toEqual(expect.arrayContaining(['sulfamethoxazole', 'trimethoprim-sulfamethoxazole', 'sulfadiazine']));
    expect(members('nsaids')).toEqual(expect.arrayContaining(['ibuprofen', 'naproxen', 'diclofenac', 'ketorolac', 'meloxicam', 'celecoxib', 'aspirin']));
    expect(members('opioids')).toEqual(expect.arrayContaining(['codeine', 'morphine', 'hydrocodone', 'oxycodone', 'tramadol']));
    expect(members('ace-inhibitors')).toEqual(expect.arrayContaining(['lisinopril', 'enalapril']));
    for (const id of ['macrolides', 'fluoroquinolones', 'tetracyclines', 'statins'] as const) expect(members(id).length).toBeGreaterThanOrEqual(3);
  });

  it('has no generic in two classes, and every name in lower case', () => {
    const all = DRUG_CLASSES.flatMap((c) => c.members.map((m) => m.generic));
    expect(new Set(all).size).toBe(all.length);
    for (const c of DRUG_CLASSES) {
      for (const n of [...c.classNames, ...c.members.flatMap((m) => [m.generic, ...(m.names ?? [])])]) expect(n).toBe(n.toLowerCase());
    }
  });

  it('keeps non-antibiotic sulfonamides out of "sulfa"', () => {
    for (const drug of ['furosemide', 'hydrochlorothiazide', 'glipizide']) expect(classesOfDrug(drug)).toEqual([]);
    expect(classesOfDrug('celecoxib')).toEqual(['nsaids']);
    expect(classesOfDrug('trimethoprim')).toEqual([]);
  });

  it('holds the commonly named NSAIDs, opioids and cephalosporins beyond those the issue names', () => {
    expect(classesOfDrug('oxaprozin')).toEqual(['nsaids']);
    expect(classesOfDrug('mefenamic acid')).toEqual(['nsaids']);
    expect(classesOfDrug('meperidine')).toEqual(['opioids']);
    expect(classesOfDrug('cefaclor')).toEqual(['cephalosporins']);
    expect(classMember('buprenorphine')?.names).toContain('butrans');
  });

  it('gives a combination the classes of its ingredients', () => {
    expect(classesOfDrug('amoxicillin-clavulanate')).toEqual(['penicillins']);
    expect(classesOfDrug('hydrocodone-acetaminophen')).toEqual(['opioids']);
    expect(classesOfDrug('trimethoprim-sulfamethoxazole')).toEqual(['sulfonamide-antibiotics']);
    expect(classesOfDrug('metformin')).toEqual([]);
  });

  it('marks penicillin↔cephalosporin as a caution, and says how rare', () => {
    const toCeph = drugClass('penicillins').crossReactsWith?.find((x) => x.classId === 'cephalosporins');
    expect(toCeph?.why).toMatch(/1–2%/);
    expect(drugClass('cephalosporins').crossReactsWith?.map((x) => x.classId)).toEqual(['penicillins']);
    expect(drugClass('cephalosporins').withinClass.severity).toBe('cross-reactivity');
    expect(drugClass('nsaids').withinClass.severity).toBe('conflict');
    expect(drugClass('penicillins').withinClass.severity).toBe('conflict');
  });

  it('says aspirin is an NSAID', () => {
    expect(classesOfDrug('aspirin')).toEqual(['nsaids']);
    expect(classMember('aspirin')?.note).toMatch(/aspirin is an NSAID/i);
    expect(classMember('penicillin')?.allergyMeansClass).toBe(true);
  });
});
