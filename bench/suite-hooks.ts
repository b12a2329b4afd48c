// Loaded into cucumber by bench/suite.ts (`--require bench/suite-hooks.ts`, added to the default
// profile's steps; nothing in steps/ or cucumber.js changes): times every scenario and the part
// of it spent inside the engine — Cluster.settle() and Cluster.advance(), outermost calls only
// (controllers, scheduler, kubelets) — and writes the figures to the file named by KS_SUITE_TIMING.

import { After, AfterAll, Before } from '@cucumber/cucumber';
import { writeFileSync } from 'node:fs';
import { Cluster } from '../src/cluster/cluster.ts';

let engineNs = 0n;
let depth = 0;

function timed<A extends unknown[], R>(fn: (this: Cluster, ...a: A) => R): (this: Cluster, ...a: A) => R {
  return function (this: Cluster, ...a: A): R {
    if (depth++ > 0) {
      try {
        return fn.apply(this, a);
      } finally {
        depth--;
      }
    }
    const t0 = process.hrtime.bigint();
    try {
      return fn.apply(this, a);
    } finally {
      depth--;
      engineNs += process.hrtime.bigint() - t0;
    }
  };
}
Cluster.prototype.settle = timed(Cluster.prototype.settle);
Cluster.prototype.advance = timed(Cluster.prototype.advance);

interface ScenarioTiming {
  scenario: string;
  uri: string;
  totalMs: number;
  engineMs: number;
  stepsMs: number;
}
const timings: ScenarioTiming[] = [];
let started = 0n;
let engineAtStart = 0n;

Before(() => {
  engineAtStart = engineNs;
  started = process.hrtime.bigint();
});

After(({ pickle }) => {
  const total = Number(process.hrtime.bigint() - started) / 1e6;
  const engine = Number(engineNs - engineAtStart) / 1e6;
  timings.push({
    scenario: pickle.name,
    uri: pickle.uri,
    totalMs: round(total),
    engineMs: round(engine),
    stepsMs: round(total - engine),
  });
});

AfterAll(() => {
  const out = process.env.KS_SUITE_TIMING;
  if (out) writeFileSync(out, JSON.stringify(timings));
});

const round = (x: number): number => Math.round(x * 100) / 100;
