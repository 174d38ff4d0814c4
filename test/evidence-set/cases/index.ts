/**
 * Every case of the evidence set, one file per specialty. Adding a file is one line here.
 */
import type { EvidenceCase } from '../case';
import { cases as dentist } from './dentist';
import { cases as nursePractitioner } from './nurse-practitioner';
import { cases as pharmacy } from './pharmacy';
import { cases as physicalTherapy } from './physical-therapy';
import { cases as physician } from './physician';
import { cases as podiatrist } from './podiatrist';
import { cases as psychiatrist } from './psychiatrist';
import { cases as registeredNurse } from './registered-nurse';

export const allCases: readonly EvidenceCase[] = [
  ...physician,
  ...nursePractitioner,
  ...psychiatrist,
  ...physicalTherapy,
  ...dentist,
  ...podiatrist,
  ...pharmacy,
  ...registeredNurse,
];
