import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseBool,
  parseLabel,
  parseLabels,
  parseNodeList,
  parseNodeName,
  parseObjRef,
  parsePhase,
  parseQuantityText,
  parseSelector,
  parseTaint,
  parseTaints,
  parseWorkload,
  formatNodeList,
} from './parse.ts';

test('step parameter taint: kubectl notation key=value:Effect and key:Effect (empty value)', () => {
  assert.deepEqual(parseTaint('key01=value01:NoSchedule'), { key: 'key01', value: 'value01', effect: 'NoSchedule' });
  assert.deepEqual(parseTaint('node-role.kubernetes.io/control-plane:NoSchedule'), {
    key: 'node-role.kubernetes.io/control-plane',
    effect: 'NoSchedule',
  });
  assert.deepEqual(parseTaints('a=b:PreferNoSchedule, c:NoExecute'), [
    { key: 'a', value: 'b', effect: 'PreferNoSchedule' },
    { key: 'c', effect: 'NoExecute' },
  ]);
  assert.deepEqual(parseTaints(''), []);
});

test('step parameter taint: an unknown effect, a missing effect or a bad key is rejected with the expected shape', () => {
  assert.throws(
    () => parseTaint('role=web:Noschedule'),
    /invalid taint "role=web:Noschedule": unknown effect "Noschedule"; expected key=value:Effect/,
  );
  assert.throws(() => parseTaint('role=web'), /invalid taint "role=web": expected key=value:Effect/);
  assert.throws(() => parseTaint('-bad=x:NoSchedule'), /invalid taint "-bad=x:NoSchedule": the name part "-bad"/);
  assert.throws(() => parseTaint('k=a b:NoSchedule'), /the value "a b"/);
});

test('step parameter label: key=value with an empty value allowed; keys and values validated like Kubernetes labels', () => {
  assert.deepEqual(parseLabel('cpu=2core_over'), ['cpu', '2core_over']);
  assert.deepEqual(parseLabel('node-role.kubernetes.io/control-plane='), ['node-role.kubernetes.io/control-plane', '']);
  assert.deepEqual(parseLabels('gpu=true, disktype=ssd'), { gpu: 'true', disktype: 'ssd' });
  assert.throws(() => parseLabel('gpu'), /invalid label "gpu": expected key=value/);
  assert.throws(() => parseLabel('Bad_Prefix/x=1'), /the prefix "Bad_Prefix" must be a lowercase DNS subdomain/);
  assert.throws(() => parseLabels('a=1,a=2'), /the key "a" appears twice/);
});

test('step parameter label selector: kubectl -l syntax; a malformed selector is rejected', () => {
  assert.deepEqual(parseSelector('app=backend'), { matchLabels: { app: 'backend' }, matchExpressions: [] });
  assert.deepEqual(parseSelector('env in (a,b)').matchExpressions, [
    { key: 'env', operator: 'In', values: ['a', 'b'] },
  ]);
  assert.throws(() => parseSelector('app=(x'), /invalid label selector "app=\(x"/);
});

test('step parameter names: node names are RFC 1123 subdomains; objects may carry a namespace', () => {
  assert.equal(parseNodeName('w1-k8s'), 'w1-k8s');
  assert.throws(() => parseNodeName('W1_k8s'), /invalid node name "W1_k8s"/);
  assert.deepEqual(parseObjRef('web'), { namespace: 'default', name: 'web' });
  assert.deepEqual(parseObjRef('kube-system/etcd-m-k8s'), { namespace: 'kube-system', name: 'etcd-m-k8s' });
  assert.throws(() => parseObjRef('a/b/c', 'pod'), /invalid pod "a\/b\/c"/);
  assert.deepEqual(parseWorkload('daemonset', 'kube-system/kube-proxy'), {
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name: 'kube-proxy',
  });
  assert.throws(() => parseWorkload('cronjob', 'x'), /unknown workload kind "cronjob"/);
});

test('step parameter node list: "or" means any of them, "and" means each of them; mixing both is rejected', () => {
  assert.deepEqual(parseNodeList('w1-k8s'), { names: ['w1-k8s'], every: false });
  assert.deepEqual(parseNodeList('w1-k8s, w2-k8s'), { names: ['w1-k8s', 'w2-k8s'], every: false });
  assert.deepEqual(parseNodeList('w1-k8s or w2-k8s'), { names: ['w1-k8s', 'w2-k8s'], every: false });
  assert.deepEqual(parseNodeList('a, b and c'), { names: ['a', 'b', 'c'], every: true });
  assert.equal(formatNodeList(parseNodeList('a, b and c')), 'a, b and c');
  assert.throws(() => parseNodeList('a or b and c'), /not both/);
  assert.throws(() => parseNodeList('a or a'), /named twice/);
});

test('step parameter quantity, phase and booleans: invalid values are rejected with the accepted forms', () => {
  assert.equal(parseQuantityText('500m'), '500m');
  assert.equal(parseQuantityText('4Gi'), '4Gi');
  assert.throws(() => parseQuantityText('4GB'), /invalid quantity "4GB"/);
  assert.equal(parsePhase('Running'), 'Running');
  assert.throws(() => parsePhase('running'), /expected one of Pending, Running/);
  assert.equal(parseBool('', 'unschedulable'), false);
  assert.equal(parseBool('true', 'unschedulable'), true);
  assert.throws(() => parseBool('maybe', 'unschedulable'), /invalid unschedulable "maybe"/);
});
