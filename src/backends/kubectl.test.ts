import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  destructiveReason,
  filenameArgs,
  namespacedArgs,
  positionalWords,
  scenarioKubeconfig,
  streamingReason,
} from './kubectl.ts';
import { shellSplit } from '../kubectl/flags.ts';

const words = (line: string) => shellSplit(line);

test('positional words skip global flags and their values', () => {
  assert.deepEqual(positionalWords(words('-n kube-system get pods -o wide web')), ['get', 'pods', 'web']);
  assert.deepEqual(positionalWords(words('--context=x delete node w1 --force')), ['delete', 'node', 'w1']);
});

test('destructive on a real cluster: drain (drain.go evicts every namespace), delete node|namespace, NoExecute taints', () => {
  assert.match(destructiveReason(words('drain w3-k8s --ignore-daemonsets'))!, /drain/);
  assert.match(destructiveReason(words('delete node w1-k8s'))!, /node/);
  assert.match(destructiveReason(words('delete nodes/w1-k8s'))!, /node/);
  assert.match(destructiveReason(words('delete ns payments'))!, /namespace/);
  assert.match(destructiveReason(words('taint nodes w1-k8s k=v:NoExecute'))!, /NoExecute/);
});

test('not destructive: what the cleanup undoes or the scenario namespace holds', () => {
  for (const line of [
    'cordon w3-k8s',
    'uncordon w3-k8s',
    'label node w1-k8s disktype=ssd',
    'taint nodes w3-k8s key01=value01:NoSchedule',
    'taint nodes w1-k8s k=v:NoExecute-',
    'delete pod web --grace-period=0 --force',
    'delete deployment weserver',
    'get nodes',
  ])
    assert.equal(destructiveReason(words(line)), undefined, line);
});

test("-n default means the scenario's namespace; other namespaces are left alone", () => {
  assert.deepEqual(namespacedArgs(words('get pods'), 'ks-a'), ['get', 'pods']);
  assert.deepEqual(namespacedArgs(words('get pods -n default'), 'ks-a'), ['get', 'pods', '-n', 'ks-a']);
  assert.deepEqual(namespacedArgs(words('get pods --namespace=default'), 'ks-a'), ['get', 'pods', '--namespace=ks-a']);
  assert.deepEqual(namespacedArgs(words('get pods -n kube-system'), 'ks-a'), ['get', 'pods', '-n', 'kube-system']);
});

test("the scenario's kubeconfig: one current context, the user's cluster and user by name, the scenario's namespace", () => {
  const text = scenarioKubeconfig('ks-a', 'kind-kind', 'kind-kind', 'ks-a');
  const doc = parse(text);
  assert.deepEqual(doc, {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'ks-a',
    contexts: [{ name: 'ks-a', context: { cluster: 'kind-kind', user: 'kind-kind', namespace: 'ks-a' } }],
  });
});

test('commands that stream until interrupted on a real cluster (get -w, logs -f, port-forward, attach)', () => {
  assert.match(streamingReason(words('get pods -w'))!, /--request-timeout/);
  assert.match(streamingReason(words('get pods --watch-only'))!, /get -w/);
  assert.match(streamingReason(words('logs -f web'))!, /logs -f/);
  assert.match(streamingReason(words('port-forward web 8080:80'))!, /port-forward/);
  assert.match(streamingReason(words('attach web'))!, /attach/);
  assert.equal(streamingReason(words('get deploy web -w --request-timeout=10s')), undefined);
  assert.equal(streamingReason(words('logs web --tail=1')), undefined);
  assert.equal(streamingReason(words('get pods -o wide')), undefined);
});

test('the files a command reads: -f, --filename, -f=; stdin left out', () => {
  assert.deepEqual(filenameArgs(words('apply -f a.yaml --filename=b.yaml -f=c.yaml -f - get pods')), [
    'a.yaml',
    'b.yaml',
    'c.yaml',
  ]);
  assert.deepEqual(filenameArgs(words('get pods -o wide')), []);
});
