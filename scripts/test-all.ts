/**
 * `npm test`: every suite, one summary. Type check, the fixture and e2e builds, unit tests (vitest, which also
 * run `npm run zip` and check the store archives: test/packaging/archives.test.ts), then the
 * Chromium and Firefox end-to-end suites (Playwright), and last the busy-CPU suites alone. Ends with the line CI reads:
 * `N passed, N failed`, summing every suite (a failed type check or build counts as one failure).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const TMP = path.resolve('.tmp');
mkdirSync(TMP, { recursive: true });

interface Tally {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
}
const tallies: Tally[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(file: string): any {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// 1. Types.
const typecheck = run('npx', ['tsc', '--noEmit', '-p', '.']);
tallies.push({ suite: 'typecheck', passed: typecheck === 0 ? 1 : 0, failed: typecheck === 0 ? 0 : 1, skipped: 0 });

// 2. The fixture pages built from real EHR packages (the Medplum page, test/fixtures/ehr/medplum/),
// then the test build both browser suites load.
const fixtures = run('npm', ['run', 'build:fixtures']);
tallies.push({ suite: 'build:fixtures', passed: fixtures === 0 ? 1 : 0, failed: fixtures === 0 ? 0 : 1, skipped: 0 });
const build = run('npm', ['run', 'build:e2e']);
tallies.push({ suite: 'build:e2e', passed: build === 0 ? 1 : 0, failed: build === 0 ? 0 : 1, skipped: 0 });

// 3. Unit tests.
const vitestJson = path.join(TMP, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
tallies.push(
  vitest
    ? { suite: 'unit (vitest)', passed: vitest.numPassedTests, failed: vitest.numFailedTests, skipped: vitest.numPendingTests + vitest.numTodoTests }
    : { suite: 'unit (vitest)', passed: 0, failed: Math.max(1, vitestStatus), skipped: 0 },
);

// 4. End to end, both browsers (skipped when the build failed: they would only time out); then the
// busy project alone, since its CPU load would slow whatever ran beside it (playwright.config.ts).
if (build === 0) {
  for (const { suite, projects } of [
    { suite: 'end to end (playwright)', projects: ['chromium', 'firefox'] },
    { suite: 'end to end, busy CPU', projects: ['busy'] },
  ]) {
    const playwrightJson = path.join(TMP, `playwright-${projects.join('-')}.json`);
    rmSync(playwrightJson, { force: true });
    const playwrightStatus = run('npx', ['playwright', 'test', ...projects.flatMap((p) => ['--project', p])], { PW_JSON_REPORT: playwrightJson });
    const report = readJson(playwrightJson);
    tallies.push(
      report?.stats
        ? { suite, passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped }
        : { suite, passed: 0, failed: Math.max(1, playwrightStatus), skipped: 0 },
    );
  }
}

const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
const skipped = tallies.reduce((sum, t) => sum + t.skipped, 0);
console.log('\nSuite summary');
for (const t of tallies) console.log(`  ${t.suite.padEnd(26)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
