// The scenario-suite timing of `npm run bench`: the wall time of `npm start` (cucumber start-up
// included), then a second run with bench/suite-hooks.ts loaded to split every scenario into
// time inside the engine (Cluster.settle/advance) and the rest (steps: kubectl, parsing,
// assertions). Cucumber's own time is the wall time minus the scenarios.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ScenarioTiming {
  scenario: string;
  uri: string;
  totalMs: number;
  engineMs: number;
  stepsMs: number;
}

const root = join(__dirname, '..');

function wallMs(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { ms: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status };
}

export async function runSuite(): Promise<Record<string, unknown>> {
  const npmStart = wallMs('npm', ['start', '--silent']);
  const file = join(mkdtempSync(join(tmpdir(), 'ks-suite-')), 'timing.json');
  const split = wallMs('npx', ['cucumber-js', '-p', 'default', '--require', 'bench/suite-hooks.ts'], {
    ...process.env,
    KS_SUITE_TIMING: file,
  });
  const scenarios = JSON.parse(readFileSync(file, 'utf8')) as ScenarioTiming[];
  const sum = (f: (s: ScenarioTiming) => number): number => Math.round(scenarios.reduce((a, s) => a + f(s), 0));
  const engineMs = sum((s) => s.engineMs),
    scenariosMs = sum((s) => s.totalMs);
  const slowest = [...scenarios].sort((a, b) => b.totalMs - a.totalMs).slice(0, 5);
  const result = {
    case: 'Suite',
    npmStartWallMs: Math.round(npmStart.ms),
    npmStartExit: npmStart.status,
    scenarios: scenarios.length,
    scenariosMs,
    engineMs,
    stepsMs: scenariosMs - engineMs,
    cucumberMs: Math.round(split.ms) - scenariosMs,
    perScenarioMs: {
      engine: round(engineMs / scenarios.length),
      steps: round((scenariosMs - engineMs) / scenarios.length),
    },
    slowest,
  };
  console.log(
    `Suite: npm start ${result.npmStartWallMs} ms wall (exit ${npmStart.status}); ${scenarios.length} scenarios: ` +
      `engine ${engineMs} ms, steps ${result.stepsMs} ms, cucumber start-up and reporting ${result.cucumberMs} ms; ` +
      `per scenario engine ${result.perScenarioMs.engine} ms vs steps ${result.perScenarioMs.steps} ms`,
  );
  for (const s of slowest)
    console.log(`  ${s.totalMs.toFixed(1).padStart(8)} ms (engine ${s.engineMs.toFixed(1)})  ${s.uri}: ${s.scenario}`);
  return result;
}

const round = (x: number): number => Math.round(x * 100) / 100;
