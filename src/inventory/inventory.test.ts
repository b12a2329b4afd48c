import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadManifests } from '../api/manifest.ts';
import { applyInventory, readInventory, skippedFast, skippedWithLibrary } from './inventory.ts';
import { createEmptyCluster } from '../cluster/bootstrap.ts';
import type { ConfigMap, Pod } from '../api/types.ts';

const HELM = `---
# Source: payments/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: payments-api
spec:
  ports:
  - port: 80
---
# Source: payments/templates/hpa.yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: payments-api
spec:
  scaleTargetRef: {kind: Deployment, name: payments-api}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: payments-config
`;

test('documents of kinds the API server does not serve are skipped with their line, the rest keep the lines of the file', () => {
  const inv = readInventory(HELM, 'helm.yaml');
  assert.deepEqual(inv.skipped, [
    { file: 'helm.yaml', line: 12, kind: 'HorizontalPodAutoscaler', name: 'payments-api' },
  ]);
  assert.deepEqual(
    inv.entries.map((e) => [e.object.kind, e.line]),
    [
      ['Service', 3],
      ['ConfigMap', 19],
    ],
  );
  assert.equal(inv.entries[1].lineOf('metadata.name'), 22);
});

test('a file with nothing to skip still reports an invalid object of a served kind, with its line', () => {
  const text =
    'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: 5\n';
  assert.throws(
    () => readInventory(text, 'x.yaml'),
    (e: Error) => e.message.startsWith('x.yaml:8: '),
  );
});

// ---- the fast search for documents to skip reads every text as the `yaml` library does ----

/** Skipped documents and the kept text's entries (values and lines), or the error loading it gives. */
function outcome(found: { kept: string; skipped: unknown[] }): unknown {
  try {
    return {
      skipped: found.skipped,
      entries: loadManifests(found.kept, 'f.yaml').map((e) => [e.object, e.line, e.lineOf('metadata.name')]),
    };
  } catch (e) {
    return { skipped: found.skipped, error: (e as Error).message };
  }
}

/** 'skipping' or 'read' when the fast search read the text (and agreed), 'declined' otherwise. */
function agrees(text: string): 'skipping' | 'read' | 'declined' {
  const fast = skippedFast(text, 'f.yaml');
  if (fast === undefined) return 'declined';
  assert.deepEqual(outcome(fast), outcome(skippedWithLibrary(text, 'f.yaml')), `the searches disagree on:\n${text}`);
  return fast.skipped.length ? 'skipping' : 'read';
}

const fixtureFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? fixtureFiles(join(dir, d.name)) : /\.(ya?ml|json)$/.test(d.name) ? [join(dir, d.name)] : [],
  );

test('the fast search for documents to skip finds what the yaml library finds in every fixture', () => {
  const seen = fixtureFiles(join(__dirname, '../../features')).map((f) => agrees(readFileSync(f, 'utf8')));
  assert.ok(
    seen.filter((s) => s !== 'declined').length > 10 && seen.includes('skipping'),
    `the fast search read too few fixtures: ${seen.join(', ')}`,
  );
});

const KINDS = [
  'Service',
  'ConfigMap',
  'Deployment',
  'HorizontalPodAutoscaler',
  'Ingress',
  'Role',
  'List',
  'kind: x',
  '',
];
/** The group version of the kinds the simulator does not model (in `v1` they would be unknown kinds, not skipped). */
const GROUP_VERSION: Record<string, string> = {
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Ingress: 'networking.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
};
const docArb = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    name: fc.constantFrom('a', 'b-1', '7', '"q"', ''),
    style: fc.constantFrom('block', 'indented', 'flow', 'json', 'scalar', 'comment only', 'empty'),
    before: fc.constantFrom('', '# c\n', '\n', '  # c\n\n', '\r\n'),
    after: fc.constantFrom('', '# trailing\n', '\n\n', 'extra: [1, 2]\n'),
  })
  .map(({ kind, name, style, before, after }) => {
    const meta = name === '' ? '' : name;
    const gv = GROUP_VERSION[kind] ?? 'v1';
    switch (style) {
      case 'block':
        return `${before}apiVersion: ${gv}\nkind: ${kind}\nmetadata:\n  name: ${meta}\n${after}`;
      case 'indented':
        return `${before}  apiVersion: ${gv}\n  kind: ${kind}\n  metadata: {name: ${meta}}\n`;
      case 'flow':
        return `${before}{apiVersion: ${gv}, kind: ${kind}, metadata: {name: ${meta}}}\n`;
      case 'json':
        return `${before}{"apiVersion": "${gv}", "kind": "${kind}", "metadata": {"name": "${meta.replace(/"/g, '')}"}}\n`;
      case 'scalar':
        return `${before}just text\n`;
      case 'comment only':
        return `${before}# nothing here\n`;
      default:
        return before;
    }
  });
const SEPARATORS = ['---\n', '--- # doc\n', '---   \n', '...\n', '...\n---\n', '---\r\n', '\n---\n'];
const streamArb = fc
  .tuple(
    fc.constantFrom('', '---\n', '# head\n---\n'),
    fc.array(fc.tuple(docArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 5 }),
  )
  .map(([head, docs]) => head + docs.map(([d, sep], i) => (i === 0 ? d : sep + d)).join(''));

test('the fast search for documents to skip agrees with the yaml library on generated streams', () => {
  const seen = { skipping: 0, read: 0, declined: 0 };
  fc.assert(
    fc.property(streamArb, (text) => {
      seen[agrees(text)]++;
    }),
    { seed: 20261127, numRuns: 600 },
  );
  assert.ok(seen.skipping > 150 && seen.read > 50, `the fast search read too few texts: ${JSON.stringify(seen)}`);
});

test('a captured pod bound to a node gets the ServiceAccount it names when the capture lacks it (ServiceAccount admission would refuse it); an unbound pod naming a missing one is refused', () => {
  const cluster = createEmptyCluster();
  const capture = `apiVersion: v1
kind: Node
metadata: {name: n1}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns-1, namespace: kube-system}
spec:
  nodeName: n1
  serviceAccountName: coredns
  containers: [{name: c, image: coredns}]
`;
  applyInventory(cluster, readInventory(capture, 'capture.yaml').entries);
  assert.ok(cluster.store.get('ServiceAccount', 'kube-system', 'coredns'));
  assert.equal(cluster.store.get<Pod>('Pod', 'kube-system', 'coredns-1')?.spec.serviceAccountName, 'coredns');
  const unbound = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  serviceAccountName: builder
  containers: [{name: c, image: nginx}]
`;
  assert.throws(
    () => applyInventory(cluster, readInventory(unbound, 'web.yaml').entries),
    /^UserError: web.yaml:5: pods "web" is forbidden: error looking up service account default\/builder: serviceaccount "builder" not found$/,
  );
});

test("a capture's default ServiceAccount and kube-root-ca.crt ConfigMap are left as the cluster made them, in any order", () => {
  const cluster = createEmptyCluster();
  const capture = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: web, namespace: payments}
  spec: {containers: [{name: c, image: nginx}]}
- apiVersion: v1
  kind: ServiceAccount
  metadata: {name: default, namespace: payments}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: kube-root-ca.crt, namespace: payments}
  data: {ca.crt: x}
`;
  applyInventory(cluster, readInventory(capture, 'capture.yaml').entries);
  assert.match(
    cluster.store.get<ConfigMap>('ConfigMap', 'payments', 'kube-root-ca.crt')?.data?.['ca.crt'] ?? '',
    /^-----BEGIN CERTIFICATE-----\n/,
  );
  assert.ok(cluster.store.get('ServiceAccount', 'payments', 'default'));
});
