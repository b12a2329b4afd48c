// Runs every unit test (`*.test.ts` under src/, steps/, support/, bench/ and test/) in one process with
// node:test: one process instead of one per file keeps start-up to a fraction of a second.
// `node --import tsx --test scripts/unit.ts [filter]` — a filter keeps files whose path contains it;
// UNIT_EXCLUDE=a,b leaves out the files whose path contains one of them (.ci/run's other Node versions
// leave out the real-kubectl oracle tests, which npm test runs once).

import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function find(dir: string, out: string[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) find(p, out);
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const root = resolve(__dirname, '..');
const filter = process.argv[2] ?? '';
const excluded = (process.env.UNIT_EXCLUDE ?? '').split(',').filter(Boolean);
const files = ['src', 'steps', 'support', 'bench', 'test']
  .flatMap((d) => find(join(root, d), []))
  .filter((f) => f.includes(filter))
  .filter((f) => !excluded.some((x) => f.includes(x)))
  .sort();
if (excluded.length) console.log(`unit tests: leaving out ${excluded.join(', ')} (UNIT_EXCLUDE)`);
if (files.length === 0) {
  console.error(`no unit test files found${filter ? ` matching "${filter}"` : ''}`);
  process.exit(1);
}
for (const f of files) require(f);
