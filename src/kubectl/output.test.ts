import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../cluster/cluster.ts';
import { k, labNode, testCluster } from './testing.ts';

test('output: -o yaml|json leave managedFields out unless --show-managed-fields (cli-runtime OmitManagedFieldsPrinter)', () => {
  const c = testCluster();
  assert.equal(k(c, 'run web --image=nginx').exitCode, 0);
  assert.doesNotMatch(k(c, 'get pod web -o yaml').stdout, /managedFields/);
  assert.doesNotMatch(k(c, 'get pods -o json').stdout, /managedFields/);
  const shown = k(c, 'get pod web -o yaml --show-managed-fields').stdout;
  assert.match(shown, /\n {2}managedFields:\n {2}- apiVersion: v1\n {4}fieldsType: FieldsV1\n/);
  assert.match(shown, /\n {4}manager: kubectl-run\n {4}operation: Update\n {4}time: "2026-01-01T00:00:00Z"\n/);
  assert.match(k(c, 'get pods -o json --show-managed-fields').stdout, /"manager": "kubectl-run"/);
  // jsonpath sees them without the flag, as kubectl's does
  assert.equal(k(c, 'get pod web -o jsonpath={.metadata.managedFields[0].manager}').stdout, 'kubectl-run');
  // a write's -o prints them only when asked
  assert.doesNotMatch(k(c, 'run other --image=nginx -o json').stdout, /managedFields/);
});

test('output: a cluster built without managed fields refuses --show-managed-fields rather than print none', () => {
  const c = new Cluster({ managedFields: false });
  c.components.length = 0;
  c.store.create(labNode('n1'));
  assert.equal(k(c, 'run web --image=nginx').exitCode, 0);
  const r = k(c, 'get pod web -o yaml --show-managed-fields');
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^error: not supported yet: --show-managed-fields on a cluster built without managed fields/);
});
