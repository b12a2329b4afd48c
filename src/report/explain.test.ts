import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SchedulingAttempt } from '../scheduler/attempt.ts';
import { renderExplain, type ExplainInput } from './explain.ts';

const WEIGHTS = { TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1 };

const tied: SchedulingAttempt = {
  pod: 'default/webserver',
  result: 'Scheduled',
  node: 'w2-k8s',
  time: '2026-01-01T00:00:00Z',
  feasible: ['w1-k8s', 'w2-k8s'],
  filtered: {
    'm-k8s': ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    'w3-k8s': ["node(s) didn't match Pod's node affinity/selector"],
  },
  filteredBy: { 'm-k8s': 'TaintToleration', 'w3-k8s': 'NodeAffinity' },
  scores: {
    'w1-k8s': { TaintToleration: 100, NodeResourcesFit: 80 },
    'w2-k8s': { TaintToleration: 100, NodeResourcesFit: 80 },
  },
  total: { 'w1-k8s': 380, 'w2-k8s': 380 },
  tied: ['w1-k8s', 'w2-k8s'],
};
const input = (
  attempt: SchedulingAttempt | undefined,
  nodes = ['m-k8s', 'w1-k8s', 'w2-k8s', 'w3-k8s'],
): ExplainInput => ({ pod: 'default/webserver', attempt, nodes, weights: WEIGHTS, seed: 7 });

test('explain table: every node gets a row — the rejecting plugin and reason, or score × weight = weighted per plugin and the total; the winner, the tie and its seed', () => {
  assert.equal(
    renderExplain(input(tied)),
    [
      'pod default/webserver: last scheduling attempt at 2026-01-01T00:00:00Z: Scheduled to w2-k8s',
      '',
      'NODE    RESULT    TaintToleration ×3  NodeResourcesFit ×1  TOTAL',
      'w2-k8s  chosen    100×3=300           80×1=80              380',
      'w1-k8s  tied      100×3=300           80×1=80              380',
      "w3-k8s  rejected  NodeAffinity: node(s) didn't match Pod's node affinity/selector",
      'm-k8s   rejected  TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      '',
      'Score cells: normalized score (0..100) × plugin weight = weighted score; TOTAL is the sum of the weighted scores.',
      'Winner: w2-k8s with total 380.',
      "Tie: 2 nodes share the top total (w1-k8s, w2-k8s); the scheduler's seeded random choice (seed 7) picked w2-k8s.",
    ].join('\n'),
  );
});

test('explain table: --top N keeps the N best feasible nodes and counts the others, rejections by plugin and reason, unexamined nodes (percentageOfNodesToScore)', () => {
  const out = renderExplain(input(tied, ['m-k8s', 'w1-k8s', 'w2-k8s', 'w3-k8s', 'w4-k8s']), { top: 1 });
  assert.match(out, /\nw2-k8s  chosen/);
  assert.doesNotMatch(out, /\nw1-k8s/);
  assert.match(
    out,
    /\n1 more feasible node\(s\), totals 380\.\.380\n1 node\(s\) rejected by NodeAffinity: .*\n1 node\(s\) rejected by TaintToleration: .*\n1 node\(s\) not examined/,
  );
});

test('explain table: an unschedulable attempt ends with the FailedScheduling text; no attempt says why there may be none', () => {
  const attempt: SchedulingAttempt = {
    pod: 'default/p',
    result: 'Unschedulable',
    node: null,
    time: '2026-01-01T00:00:05Z',
    message: '0/1 nodes are available: 1 Insufficient cpu.',
    feasible: [],
    filtered: { n1: ['Insufficient cpu'] },
    filteredBy: { n1: 'NodeResourcesFit' },
    scores: {},
    total: {},
  };
  const out = renderExplain({ pod: 'default/p', attempt, nodes: ['n1'], weights: WEIGHTS, seed: 1 });
  assert.match(
    out,
    /Unschedulable\n\nNODE  RESULT    TOTAL\nn1    rejected  NodeResourcesFit: Insufficient cpu\n\nFailedScheduling: 0\/1 nodes are available: 1 Insufficient cpu\.$/,
  );
  assert.match(renderExplain(input(undefined)), /made no attempt \(it was created with spec.nodeName set/);
});

test('explain table: a tie among many nodes names the first ten and counts the rest', () => {
  const names = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, '0')}`);
  const attempt: SchedulingAttempt = {
    pod: 'default/p',
    result: 'Scheduled',
    node: 'n05',
    time: 't',
    feasible: names,
    filtered: {},
    filteredBy: {},
    scores: Object.fromEntries(names.map((n) => [n, { NodeResourcesFit: 50 }])),
    total: Object.fromEntries(names.map((n) => [n, 50])),
    tied: names,
  };
  assert.match(
    renderExplain({ pod: 'default/p', attempt, nodes: names, weights: WEIGHTS, seed: 3 }),
    /Tie: 12 nodes share the top total \(n00, .*, n09 and 2 more\); .*seed 3\) picked n05\./,
  );
});
