import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar, LineCounter, parseAllDocuments } from 'yaml';
import { fastParseDocuments } from './fastyaml.ts';

/** What the yaml library reads (as loadManifests asks it): values and first lines of the non-empty documents (loadManifests skips empty ones). */
function library(text: string): { value: unknown; line: number }[] {
  const lc = new LineCounter();
  return parseAllDocuments(text, { lineCounter: lc, schema: 'core', customTags: [], merge: true, uniqueKeys: true })
    .filter((d) => d.contents !== null && !(isScalar(d.contents) && (d.contents.value === null || d.contents.value === '')))
    .map((d) => ({ value: d.toJS(), line: lc.linePos(d.contents!.range[0]).line }));
}

function agrees(text: string): void {
  const fast = fastParseDocuments(text);
  assert.ok(fast, `the fast reader gave up on:\n${text}`);
  const lib = library(text);
  assert.deepEqual(fast.map((d) => ({ value: d.value, line: d.line })), lib);
  // Key order too (kubectl-style output and unknown-field lists follow it).
  assert.equal(JSON.stringify(fast.map((d) => d.value)), JSON.stringify(lib.map((d) => d.value)));
}

test('manifest fast YAML reader: block maps and sequences, flow collections, quoted and plain scalars read as the yaml library reads them (YAML 1.2 core schema)', () => {
  agrees(`# leading comment
apiVersion: v1
kind: Node
metadata:
  name: node-0   # trailing comment
  labels:
    kubernetes.io/hostname: node-0
    "quoted": 'it''s'
    empty:
    tilde: ~
status:
  allocatable: {cpu: "4", memory: 32Gi, pods: '110', list: [a, 1, 0x10, 1e3, .inf, -.5, true, null, {x: [y]}]}
  numbers: [0o17, 017, +1, -0, 1.0, .nan, 99999999999999999999, 2001-12-14]
  time: 12:30
  conditions:
  - type: Ready
    status: "True"
  -   type: Spaced
      status: x#y
  -
    type: OnNextLine
  - - nested
    - seq
spec:
  taints:
  - {key: a, effect: NoSchedule}
  podCIDRs:
  - 10.0.0.0/24
  compact:
  - a
  - b
  after: 'x'
---
---
# only a comment
---
  indented: root
  image: nginx:1.15
  url: http://example.com/a#b
  managedFields:
    f:metadata:
      .: {}
      k:{"type":"Ready"}: {}
  -dash-key: v
  unicode: 中文 é 💥
`);
});

test('manifest fast YAML reader: gives up (the yaml library reads instead) on anchors, tags, block scalars, multi-line scalars, tabs, duplicate keys, merge keys and odd indentation', () => {
  const giveUp = [
    'a: &x 1\nb: *x\n', 'a: !!str 5\n', 'a: |\n  text\n', 'a: >-\n  text\n', 'a: one\n  two\n', 'a:\n\tb: 1\n',
    'a: 1\na: 2\n', '<<: {a: 1}\n', 'a:\n   b: 1\n  c: 2\n', 'a: "x\\ty"\n', 'a: "open\n', 'a: [1,\n  2]\n', 'a: [1, 2, ]\n',
    '%YAML 1.2\n---\na: 1\n', '- a\n- b\n', 'just a scalar\n', 'a: 1\r\nb: 2\r\n', 'a: b: c\n', 'a: {b: 1, b: 2}\n', '? a\n: b\n',
    'a: 1\n...\n', '--- a: 1\n', 'key : v\n',
  ];
  for (const text of giveUp) assert.equal(fastParseDocuments(text), undefined, text);
});
