import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitErrorMessage } from './fiterror.ts';
import type { Status } from './framework/types.ts';

const U = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
const UU = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

test('FitError: reasons are counted per node and sorted byte-wise ("1 Insufficient cpu" < "1 node(s) …")', () => {
  const statuses = new Map<string, Status>([
    ['cp', UU('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }')],
    ['w1', UU('node(s) were unschedulable')],
    ['w2', U('Insufficient cpu')],
  ]);
  const msg = fitErrorMessage(3, {
    nodeToStatus: statuses,
    postFilterMsg:
      'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
  });
  assert.equal(
    msg,
    '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
  );
});

test('FitError: a node failing on cpu and memory adds to two buckets; "10 x" sorts before "2 y"', () => {
  const statuses = new Map<string, Status>();
  for (let i = 0; i < 10; i++) statuses.set(`a${i}`, U('Insufficient memory'));
  statuses.set('b1', U('Insufficient cpu', 'Insufficient memory'));
  statuses.set('b2', U('Insufficient cpu'));
  assert.equal(
    fitErrorMessage(12, { nodeToStatus: statuses }),
    '0/12 nodes are available: 11 Insufficient memory, 2 Insufficient cpu.',
  );
});

test('FitError: nodes outside the PreFilterResult count with the absent-node reason (1.32+ wording)', () => {
  const statuses = new Map<string, Status>([['w1', U('Insufficient cpu')]]);
  const msg = fitErrorMessage(3, {
    nodeToStatus: statuses,
    absentNodesStatus: UU("node(s) didn't satisfy plugin(s) [NodeAffinity]"),
  });
  assert.equal(msg, "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
});

test('FitError: a PreFilter rejection replaces the node histogram with its own message', () => {
  const msg = fitErrorMessage(4, {
    nodeToStatus: new Map(),
    preFilterMsg: 'pod affinity terms conflict',
    postFilterMsg: 'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
  });
  assert.equal(
    msg,
    '0/4 nodes are available: pod affinity terms conflict. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
  );
});
