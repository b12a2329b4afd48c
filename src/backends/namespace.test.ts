import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asScenarioNamespace, MAX_NAMESPACE_LENGTH, newRunId, scenarioNamespace } from './namespace.ts';

// kube-apiserver accepts a namespace name only if it is a DNS-1123 label (IsDNS1123Label).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

test('a scenario namespace is a DNS-1123 label named after the scenario (IsDNS1123Label)', () => {
  const ns = scenarioNamespace('pods without tolerations avoid the tainted w3-k8s', 'r1', 'id-1');
  assert.match(ns, /^ks-pods-without-tolerations-avoid-the-tainted-w3-k8s-[0-9a-f]{6}$/);
  assert.match(ns, DNS1123_LABEL);
});

test('long, punctuated and non-ASCII scenario names still give a label of at most 63 characters', () => {
  for (const name of ['x'.repeat(200), '--Weird__Name!! --', '테인트가 있는 노드', '', `${'a'.repeat(52)}-b`]) {
    const ns = scenarioNamespace(name, 'run', 'id');
    assert.ok(ns.length <= MAX_NAMESPACE_LENGTH, ns);
    assert.match(ns, DNS1123_LABEL, ns);
  }
  assert.match(scenarioNamespace('테인트', 'run', 'id'), /^ks-[0-9a-f]{6}$/);
});

test('the same scenario in two runs (or two examples of an outline) gets two namespaces', () => {
  assert.notEqual(scenarioNamespace('a', 'run1', 'id'), scenarioNamespace('a', 'run2', 'id'));
  assert.notEqual(scenarioNamespace('a', 'run1', 'id1'), scenarioNamespace('a', 'run1', 'id2'));
});

test('a run id is a valid label value (lowercase alphanumerics)', () => {
  assert.match(newRunId(0, Buffer.from([0xab, 0xcd, 0xef, 0x01])), /^0abcd$/);
  assert.match(newRunId(), /^[a-z0-9]{1,63}$/);
});

test("kubectl's output names the scenario's namespace as the scenario does: default", () => {
  const ns = 'ks-s10-drain-69f8b0';
  assert.equal(
    asScenarioNamespace(`cannot delete Pods that declare no controller (use --force to override): ${ns}/db\n`, ns),
    'cannot delete Pods that declare no controller (use --force to override): default/db\n',
  );
  assert.equal(asScenarioNamespace(`Namespace:    ${ns}\n`, ns), 'Namespace:    default\n');
  // only the whole name: a longer namespace that starts with it is another one
  assert.equal(asScenarioNamespace(`${ns}-x/db`, ns), `${ns}-x/db`);
  assert.equal(asScenarioNamespace('nothing to replace', ns), 'nothing to replace');
});
