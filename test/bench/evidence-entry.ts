/**
 * The evidence bench's bundle entry (evidence.ts builds it with Vite): the engine, the labelled set,
 * its scorer and the timing input, in one ES module Node can import, since lib/ uses extensionless
 * and `@/` imports that Node's type stripping cannot resolve.
 */
export { checkEvidence } from '../../lib/note/evidence/index.ts';
export { allCases } from '../evidence-set/cases/index.ts';
export { scoreCases } from '../evidence-set/score.ts';
export { timingInput } from '../evidence-set/timing-input.ts';
