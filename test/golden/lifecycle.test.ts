// Golden lifecycle files (as KWOK keeps its stages): for each case in test/golden/lifecycle/<case>/,
// input.yaml's objects are created on a one-node cluster and virtual time advances tick by tick;
// output.txt is what the objects' statuses and the events were at every tick where something
// changed. The test fails on any difference, showing it; `UPDATE_GOLDEN=1` rewrites the files
// (review the diff before committing it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerStatus, CoreEvent, Job, Pod } from '../../src/api/types.ts';
import { loadManifests } from '../../src/api/manifest.ts';
import { addNode, createEmptyCluster } from '../../src/cluster/bootstrap.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';

const DIR = join(__dirname, 'lifecycle');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Case {
  name: string;
  /** How far virtual time runs, in ms, one tick at a time. */
  until: number;
  tick: number;
  /** What happens at a tick (ms since the start), before the cluster settles. */
  at?: Record<number, (c: Cluster) => void>;
}

const CASES: Case[] = [
  { name: 'normal-start', until: 15_000, tick: 500 },
  { name: 'image-pull-backoff', until: 120_000, tick: 1000 },
  { name: 'crashloop', until: 150_000, tick: 1000 },
  { name: 'init-containers', until: 20_000, tick: 500 },
  {
    name: 'graceful-deletion',
    until: 40_000,
    tick: 1000,
    at: { 10000: (c) => c.api.delete('Pod', 'default', 'slow-stop') },
  },
  { name: 'job-completion', until: 20_000, tick: 500 },
];

function containerLine(s: ContainerStatus): string {
  const st = s.state?.running
    ? 'running'
    : s.state?.waiting
      ? `waiting ${s.state.waiting.reason}`
      : s.state?.terminated
        ? `terminated ${s.state.terminated.reason} exit ${s.state.terminated.exitCode}`
        : 'no state';
  return `${s.name}: ${st}${s.ready ? ' ready' : ''}${s.restartCount ? ` restarts ${s.restartCount}` : ''}`;
}

/** The objects' statuses, one line each. */
function statuses(c: Cluster): string[] {
  const out: string[] = [];
  for (const j of c.store.list<Job>('Job', 'default')) {
    const s = j.status ?? {};
    const conds = (s.conditions ?? []).map((x) => `${x.type}=${x.status}`).join(' ');
    out.push(
      `job/${j.metadata.name} active=${s.active ?? 0} succeeded=${s.succeeded ?? 0} failed=${s.failed ?? 0}${conds ? ` ${conds}` : ''}`,
    );
  }
  for (const p of c.store.list<Pod>('Pod', 'default')) {
    const s = p.status ?? {};
    const conds = (s.conditions ?? []).map((x) => `${x.type}=${x.status}`).join(' ');
    const containers = [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])].map(containerLine);
    const deleting = p.metadata.deletionTimestamp ? ' (terminating)' : '';
    out.push(
      `pod/${p.metadata.name} ${s.phase ?? '-'}${s.reason ? ` ${s.reason}` : ''}${deleting}${conds ? ` ${conds}` : ''}`,
    );
    for (const line of containers) out.push(`  ${line}`);
  }
  return out;
}

/** The timeline of one case: a block per tick where a status changed or an event was recorded (or repeated). */
function timeline(k: Case): string {
  const c = createEmptyCluster({ seed: 1 });
  addNode(c, { name: 'node-1' });
  c.settle();
  const start = c.clock.now();
  const input = join(DIR, k.name, 'input.yaml');
  for (const e of loadManifests(readFileSync(input, 'utf8'), input)) c.api.create(e.object);
  const seen = new Map<string, number>(); // event name → count shown
  const out = [`# ${k.name}: input.yaml on one node (node-1); a tick every ${k.tick / 1000}s for ${k.until / 1000}s`];
  let last = '';
  for (let t = 0; t <= k.until; t += k.tick) {
    if (t > 0) c.advance(k.tick);
    k.at?.[t]?.(c);
    c.settleNow();
    const now = statuses(c).join('\n');
    const events: string[] = [];
    for (const e of c.store.values<CoreEvent>('Event')) {
      if (e.metadata.namespace !== 'default' || seen.get(e.metadata.name!) === e.count) continue;
      seen.set(e.metadata.name!, e.count ?? 1);
      const times = (e.count ?? 1) > 1 ? ` (x${e.count})` : '';
      events.push(
        `  ${e.type} ${e.reason} ${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}${times}: ${e.message}`,
      );
    }
    if (now === last && events.length === 0) continue;
    out.push(`t=${(c.clock.now() - start) / 1000}s${k.at?.[t] ? ' (action)' : ''}`);
    if (now !== last)
      out.push(
        ...now
          .split('\n')
          .filter(Boolean)
          .map((l) => `  ${l}`),
        ...(now ? [] : ['  (no objects)']),
      );
    if (events.length) out.push('  events:', ...events.map((e) => `  ${e}`));
    last = now;
  }
  return `${out.join('\n')}\n`;
}

for (const k of CASES) {
  test(`golden lifecycle ${k.name}: statuses and events per tick as in test/golden/lifecycle/${k.name}/output.txt`, () => {
    const file = join(DIR, k.name, 'output.txt');
    const got = timeline(k);
    if (UPDATE) writeFileSync(file, got);
    assert.ok(
      existsSync(file),
      `${file} is missing: run UPDATE_GOLDEN=1 node --import tsx --test test/golden/lifecycle.test.ts`,
    );
    assert.equal(
      got,
      readFileSync(file, 'utf8'),
      `the ${k.name} timeline differs from ${file}; if the change is right, regenerate it with UPDATE_GOLDEN=1 node --import tsx --test test/golden/lifecycle.test.ts and review the diff`,
    );
  });
}
