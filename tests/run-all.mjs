#!/usr/bin/env node
// `npm test`: lint, type-checks, Vitest and Playwright, one after another, then ONE closing line
// `N passed, N failed` summed over all of them (CI reads only that line). A PostgreSQL is needed
// for the server tests' PostgreSQL half: TROVE_TEST_DATABASE_URL if set, otherwise a private
// throw-away cluster from the Debian package when its binaries are installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startPostgres } from './support/postgres.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function count(label, ok, passed = ok ? 1 : 0, failed = ok ? 0 : 1) {
  totals.passed += passed;
  totals.failed += failed;
  if (failed > 0 || !ok) failures.push(label);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

count('lint', run('lint', bin('eslint'), ['--max-warnings', '0', '.']));
count(
  'svelte-check',
  run('type-check app', bin('svelte-check'), ['--fail-on-warnings', '--tsconfig', './tsconfig.json', '--output', 'human']),
);
for (const project of ['src/server/tsconfig.json', 'src/service-worker/tsconfig.json', 'tests/tsconfig.json']) {
  count(`tsc ${project}`, run(`type-check ${project}`, bin('tsc'), ['-p', project]));
}

const pg = process.env.TROVE_TEST_DATABASE_URL ? undefined : startPostgres();
const pgUrl = process.env.TROVE_TEST_DATABASE_URL ?? pg?.url;
if (!pgUrl) console.log('\n(no PostgreSQL found: the [postgres] server tests will be skipped)');
try {
  const vitestJson = path.join(out, 'vitest.json');
  rmSync(vitestJson, { force: true });
  const vitestOk = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], {
    TROVE_TEST_DATABASE_URL: pgUrl ?? '',
  });
  const vitest = readJson(vitestJson);
  if (vitest)
    count(
      'vitest',
      vitestOk && vitest.numFailedTests === 0,
      vitest.numPassedTests,
      vitest.numFailedTests + (vitestOk || vitest.numFailedTests ? 0 : 1),
    );
  else count('vitest (no report)', false);

  const pgPassed = (vitest?.testResults ?? [])
    .flatMap((f) => f.assertionResults)
    .filter((t) => t.status === 'passed' && t.fullName.includes('[postgres]')).length;
  console.log(`\nPostgreSQL server tests passed: ${pgPassed}`);
  if (process.env.TROVE_REQUIRE_PG === '1' && pgPassed === 0) count('postgres tests ran zero tests', false);

  const pwJson = path.join(out, 'playwright.json');
  rmSync(pwJson, { force: true });
  const pwOk = run('playwright', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const pw = readJson(pwJson);
  if (pw?.stats) {
    const passed = pw.stats.expected + pw.stats.flaky;
    const failed = pw.stats.unexpected + (pwOk || pw.stats.unexpected ? 0 : 1);
    count('playwright', failed === 0, passed, failed);
  } else count('playwright (no report)', false);
} finally {
  pg?.stop();
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && existsSync(root) ? 0 : 1);
