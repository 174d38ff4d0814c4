/**
 * The evidence engine's figures for `npm run bench` (run.ts): evidence.measure.ts measures them under
 * vitest (lib/ uses `@/` and extensionless imports that Node's type stripping cannot load) and writes
 * them to EVIDENCE_RESULTS; this runs it and reads them back, checked, for the table.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const EVIDENCE_RESULTS = path.resolve('.tmp/evidence-bench.json');

const ratio = z.number().nullable(); // NaN is written as null by JSON.stringify

/** A held-out set's figures: written blind to the engine, never tuned on. */
const HeldOutFigures = z.object({
  cases: z.number(),
  unsupported: z.number(),
  noEvidence: z.object({ precision: ratio, recall: ratio }),
  omissions: z.object({ precision: ratio, recall: ratio }),
});

export const EvidenceResults = z.object({
  cases: z.number(),
  specialties: z.number(),
  statements: z.number(),
  unsupported: z.number(),
  noEvidence: z.object({ precision: ratio, recall: ratio }),
  noneOnly: z.object({ precision: ratio, recall: ratio }),
  omissions: z.object({ precision: ratio, recall: ratio, planted: z.object({ found: z.number(), total: z.number() }) }),
  speed: z.object({ words: z.number(), statements: z.number(), p50Ms: z.number(), load: z.object({ start: z.number(), end: z.number() }) }),
  safetyChecks: z.object({ p50Ms: z.number(), load: z.object({ start: z.number(), end: z.number() }) }),
  heldOut: HeldOutFigures,
  /** The second held-out set (cases/held-out-2.ts), written after the first had been looked at. */
  heldOut2: HeldOutFigures,
});
export type EvidenceResults = z.infer<typeof EvidenceResults>;

/** Runs `npm run bench:evidence`'s measurement and returns what it wrote; throws when it fails. */
export function measureEvidence(): EvidenceResults {
  rmSync(EVIDENCE_RESULTS, { force: true });
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'test/bench/vitest.evidence.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`the evidence measurement failed (exit ${run.status})`);
  return EvidenceResults.parse(JSON.parse(readFileSync(EVIDENCE_RESULTS, 'utf8')));
}
