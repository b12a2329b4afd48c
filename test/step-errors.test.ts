// Errors of steps that say where the user's mistake is: the row of a nodes table, and for a node
// name that does not exist, which nodes do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmptyCluster, addNode } from '../src/cluster/bootstrap.ts';
import { nodeFs } from '../src/kubelet/nodefs.ts';
import { UserError } from '../src/util/errors.ts';
import { parseNodeRow } from '../steps/lib/parse.ts';

test('nodes table: a bad cell names its row and node', () => {
  assert.equal(parseNodeRow({ name: 'n1', taints: 'gpu=true:NoSchedule' }, 1).name, 'n1');
  assert.throws(
    () => parseNodeRow({ name: 'n2', taints: 'gpu=true' }, 2),
    (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.equal(
        e.message,
        'nodes table, row 2 (name "n2"): invalid taint "gpu=true": expected key=value:Effect or key:Effect with Effect one of NoSchedule, PreferNoSchedule, NoExecute',
      );
      return true;
    },
  );
});

test('a node that does not exist: the message lists the nodes there are, at most ten', () => {
  const small = createEmptyCluster({ seed: 1 });
  for (const n of ['m-k8s', 'w1-k8s']) addNode(small, { name: n });
  assert.throws(() => nodeFs(small, 'w4-k8s'), {
    message: 'there is no node w4-k8s in this cluster; its nodes are m-k8s, w1-k8s',
  });
  const big = createEmptyCluster({ seed: 1 });
  for (let i = 10; i < 35; i++) addNode(big, { name: `n${i}` });
  assert.throws(() => nodeFs(big, 'w4-k8s'), {
    message:
      'there is no node w4-k8s in this cluster; its nodes are n10, n11, n12, n13, n14, n15, n16, n17, n18, n19 and 15 more',
  });
});
