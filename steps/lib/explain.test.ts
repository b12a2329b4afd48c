import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainAttempt } from './explain.ts';
import type { SchedulingAttempt } from '../../src/scheduler/attempt.ts';

test('placement explanation: lists each node with its filter reason or its scores, marks the chosen node and the tie', () => {
  const attempt: SchedulingAttempt = {
    pod: 'default/webserver', result: 'Scheduled', node: 'w2-k8s', time: '2026-01-01T00:00:00Z',
    feasible: ['w1-k8s', 'w2-k8s'],
    filtered: { 'm-k8s': ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], 'w3-k8s': ["node(s) didn't match Pod's node affinity/selector"] },
    filteredBy: { 'm-k8s': 'TaintToleration', 'w3-k8s': 'NodeAffinity' },
    scores: { 'w1-k8s': { TaintToleration: 100, NodeResourcesFit: 80 }, 'w2-k8s': { TaintToleration: 100, NodeResourcesFit: 80 } },
    total: { 'w1-k8s': 380, 'w2-k8s': 380 },
    tied: ['w1-k8s', 'w2-k8s'],
  };
  assert.equal(explainAttempt('default/webserver', attempt), [
    'why: last scheduling attempt for default/webserver at 2026-01-01T00:00:00Z: Scheduled to w2-k8s',
    '  m-k8s   filtered by TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    '  w1-k8s  feasible, total 380 = TaintToleration 100, NodeResourcesFit 80',
    '  w2-k8s  feasible, total 380 = TaintToleration 100, NodeResourcesFit 80 (chosen)',
    "  w3-k8s  filtered by NodeAffinity: node(s) didn't match Pod's node affinity/selector",
    '  tie between w1-k8s, w2-k8s: broken by the seeded random choice',
  ].join('\n'));
});

test('placement explanation: an unschedulable attempt shows the FailedScheduling text; no attempt says why there may be none', () => {
  const attempt: SchedulingAttempt = {
    pod: 'default/p', result: 'Unschedulable', node: null, time: '2026-01-01T00:00:05Z', message: '0/1 nodes are available: 1 Insufficient cpu.',
    feasible: [], filtered: { n1: ['Insufficient cpu'] }, filteredBy: { n1: 'NodeResourcesFit' }, scores: {}, total: {},
  };
  assert.match(explainAttempt('default/p', attempt), /Unschedulable\n  n1  filtered by NodeResourcesFit: Insufficient cpu\n  FailedScheduling: 0\/1 nodes are available: 1 Insufficient cpu\.$/);
  assert.match(explainAttempt('default/q', undefined), /made no attempt for default\/q \(it was created with spec.nodeName set/);
});
