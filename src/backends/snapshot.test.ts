import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, Pod, ReplicaSet } from '../api/types.ts';
import { newControllerRef, podsOf } from '../controllers/common.ts';
import { SnapshotStore } from './snapshot.ts';

const pod = (name: string, ns: string, owner?: ReplicaSet): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: ns,
    uid: `uid-${name}`,
    ...(owner ? { ownerReferences: [newControllerRef(owner)] } : {}),
  },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

test("the scenario's namespace reads as default; other namespaces as they are", () => {
  const s = new SnapshotStore();
  s.add([pod('b', 'ks-x'), pod('a', 'ks-x'), pod('etcd', 'kube-system')], 'ks-x');
  assert.deepEqual(
    s.list('Pod', 'default').map((p) => p.metadata.name),
    ['a', 'b'],
  );
  assert.equal(s.get('Pod', 'kube-system', 'etcd')?.metadata.namespace, 'kube-system');
  assert.equal(s.get('Pod', 'ks-x', 'a'), undefined);
  assert.equal(s.count('Pod'), 3);
});

test("a workload's pods follow controller references by uid, as in the simulator's store (podsOf)", () => {
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-1', namespace: 'ks-x', uid: 'rs-uid' },
    spec: { selector: {}, template: { spec: { containers: [] } } },
  } as unknown as ReplicaSet;
  const s = new SnapshotStore();
  s.add([rs as KubeObject], 'ks-x');
  s.add([pod('web-1-a', 'ks-x', rs), pod('other', 'ks-x')], 'ks-x');
  assert.deepEqual(
    podsOf(s, { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' }).map((p) => p.metadata.name),
    ['web-1-a'],
  );
});

test("an event about a pod of the scenario's namespace names it in default", () => {
  const s = new SnapshotStore();
  s.add(
    [
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e1', namespace: 'ks-x' },
        involvedObject: { kind: 'Pod', name: 'web', namespace: 'ks-x' },
      } as KubeObject,
    ],
    'ks-x',
  );
  assert.equal(
    (s.list('Event', 'default')[0] as unknown as { involvedObject: { namespace: string } }).involvedObject.namespace,
    'default',
  );
});

test("texts that name the scenario's namespace name default: the scheduler's Scheduled event, a back-off message (pod=<name>_<namespace>)", () => {
  const s = new SnapshotStore();
  const crasher = pod('crasher', 'ks-x');
  crasher.status = {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'c',
        restartCount: 1,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 10s restarting failed container=c pod=crasher_ks-x(uid-crasher)',
          },
        },
      },
    ],
  } as Pod['status'];
  s.add([crasher], 'ks-x');
  s.add(
    [
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e', namespace: 'ks-x' },
        message: 'Successfully assigned ks-x/web to w1-k8s',
      } as KubeObject,
    ],
    'ks-x',
  );
  assert.equal(
    s.get<Pod>('Pod', 'default', 'crasher')?.status?.containerStatuses?.[0].state.waiting?.message,
    'back-off 10s restarting failed container=c pod=crasher_default(uid-crasher)',
  );
  assert.equal(
    (s.list('Event', 'default')[0] as unknown as { message: string }).message,
    'Successfully assigned default/web to w1-k8s',
  );
});
