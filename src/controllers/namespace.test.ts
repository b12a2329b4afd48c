import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMap, Namespace, Pod } from '../api/types.ts';
import { NamespaceController } from './namespace.ts';
import { harness, node, settle, type Harness } from './testutil.ts';

const ns = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (name: string, namespace: string, nodeName?: string, grace?: number): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: {
    containers: [{ name: 'c', image: 'nginx' }],
    ...(nodeName ? { nodeName } : {}),
    ...(grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}),
  },
});
const cm = (name: string, namespace: string): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data: { a: 'b' },
});

/** Runs the clock to `ms` after now, settling the controller at every timer. */
function advance(h: Harness, c: NamespaceController, ms: number): void {
  h.clock.advanceTo(h.clock.now() + ms, () => settle(c));
}

const conditions = (h: Harness, name: string) =>
  (h.store.get<Namespace>('Namespace', undefined, name)?.status?.conditions ?? []).map(
    (c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`,
  );

test('namespace controller: 5 s after the deletion (namespaceDeletionGracePeriod) it deletes the content, writes the conditions and removes the kubernetes finalizer; the namespace goes', () => {
  const h = harness();
  const c = new NamespaceController(h.api);
  h.api.create(ns('team-a'));
  h.api.create(cm('settings', 'team-a'));
  h.api.create(pod('unbound', 'team-a'));
  h.api.create(cm('elsewhere', 'default'));
  h.api.delete('Namespace', undefined, 'team-a');
  settle(c);
  assert.equal(h.store.get<Namespace>('Namespace', undefined, 'team-a')?.status?.phase, 'Terminating');
  advance(h, c, 4_999);
  assert.equal(h.store.inNamespace('ConfigMap', 'team-a').length, 1, 'nothing happens before 5 s');
  const seen: string[] = [];
  h.store.watch((e) => {
    if (e.object.kind === 'Namespace')
      seen.push(`${e.type} ${(e.object as Namespace).status?.conditions?.length ?? 0}`);
  });
  advance(h, c, 1);
  assert.equal(h.store.get('Namespace', undefined, 'team-a'), undefined);
  assert.equal(h.store.inNamespace('ConfigMap', 'team-a').length, 0);
  assert.equal(h.store.inNamespace('Pod', 'team-a').length, 0);
  assert.ok(h.store.get('ConfigMap', 'default', 'elsewhere'), 'other namespaces are left alone');
  // the conditions are written (all five "ok"), then the finalize removes the namespace
  assert.deepEqual(seen, ['MODIFIED 5', 'DELETED 5']);
});

test('namespace controller: pods still terminating — NamespaceContentRemaining, a look again after estimate/2 + 1 s; the finalizer goes once they are gone (deleteAllContent, estimateGracefulTerminationForPods)', () => {
  const h = harness();
  node(h, 'n1');
  const c = new NamespaceController(h.api);
  h.api.create(ns('team-a'));
  h.api.create(pod('slow', 'team-a', 'n1', 30));
  h.api.create(pod('quick', 'team-a', 'n1', 10));
  h.api.delete('Namespace', undefined, 'team-a');
  advance(h, c, 5_000);
  const pods = h.store.inNamespace<Pod>('Pod', 'team-a');
  assert.deepEqual(
    pods.map((p) => `${p.metadata.name} ${p.metadata.deletionGracePeriodSeconds}`),
    ['quick 10', 'slow 30'],
    'bound pods are deleted gracefully, with their own grace periods',
  );
  assert.deepEqual(conditions(h, 'team-a'), [
    'NamespaceDeletionDiscoveryFailure False ResourcesDiscovered: All resources successfully discovered',
    'NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions: All legacy kube types successfully parsed',
    'NamespaceDeletionContentFailure False ContentDeleted: All content successfully deleted, may be waiting on finalization',
    'NamespaceContentRemaining True SomeResourcesRemain: Some resources are remaining: pods. has 2 resource instances',
    'NamespaceFinalizersRemaining False ContentHasNoFinalizers: All content-preserving finalizers finished',
  ]);
  // the kubelet finishes: the pods go; the estimate (30 s) says look again 16 s later (and 5 s after the status write)
  h.store.remove('Pod', 'team-a', 'quick');
  h.store.remove('Pod', 'team-a', 'slow');
  advance(h, c, 4_999);
  assert.ok(h.store.get('Namespace', undefined, 'team-a'));
  advance(h, c, 1);
  assert.equal(h.store.get('Namespace', undefined, 'team-a'), undefined);
});

test('namespace controller: content that outlives its estimate is an error (ContentDeletionFailed), retried with the work queue back-off', () => {
  const h = harness();
  node(h, 'n1');
  const c = new NamespaceController(h.api);
  h.api.create(ns('team-a'));
  h.api.create(pod('stuck', 'team-a', 'n1', 2));
  h.api.delete('Namespace', undefined, 'team-a');
  advance(h, c, 5_000); // the 2 s estimate has passed since the deletion (5 s): 0, so what is left is unexpected
  assert.deepEqual(conditions(h, 'team-a').slice(2, 4), [
    'NamespaceDeletionContentFailure True ContentDeletionFailed: Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: team-a for gvr: /v1, Resource=pods',
    'NamespaceContentRemaining True SomeResourcesRemain: Some resources are remaining: pods. has 1 resource instances',
  ]);
  h.store.remove('Pod', 'team-a', 'stuck');
  advance(h, c, 5); // 5 ms: the first retry
  assert.equal(h.store.get('Namespace', undefined, 'team-a'), undefined);
});

test('namespace controller: another finalizer stays — the namespace is kept, with the kubernetes finalizer removed (finalizeNamespace)', () => {
  const h = harness();
  const c = new NamespaceController(h.api);
  h.api.create({ ...ns('team-a'), spec: { finalizers: ['example.com/keep'] } });
  assert.deepEqual(h.store.get<Namespace>('Namespace', undefined, 'team-a')!.spec?.finalizers, [
    'example.com/keep',
    'kubernetes',
  ]);
  h.api.delete('Namespace', undefined, 'team-a');
  advance(h, c, 5_000);
  const left = h.store.get<Namespace>('Namespace', undefined, 'team-a')!;
  assert.deepEqual(left.spec?.finalizers, ['example.com/keep']);
  assert.equal(left.status?.phase, 'Terminating');
});
