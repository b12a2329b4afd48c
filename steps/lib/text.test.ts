import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedLines, textMismatch, withoutFinalNewline } from './text.ts';

test('output comparison: equal texts pass; only one final newline is ignored', () => {
  assert.equal(textMismatch('stdout', 'a\nb', withoutFinalNewline('a\nb\n')), undefined);
  assert.notEqual(textMismatch('stdout', 'a\nb', withoutFinalNewline('a\nb\n\n')), undefined);
});

test('output comparison: the message names the first differing line and shows trailing spaces', () => {
  const m = textMismatch('stdout of `kubectl get nodes`', 'x\nnode/w1 labeled', 'x\nnode/w1 labeled ')!;
  assert.match(m, /line 2 differs:\n  expected "node\/w1 labeled"\n  actual   "node\/w1 labeled "$/);
  assert.match(textMismatch('stderr', 'a\nb', 'a')!, /ends before expected line 2: "b"$/);
  assert.match(textMismatch('stderr', 'a', 'a\nb')!, /more lines, from line 2: "b"$/);
});

test('report snapshots: output longer than the bound keeps its first lines and says how many were left out', () => {
  assert.equal(boundedLines('a\nb\nc\n', 3), 'a\nb\nc\n');
  assert.equal(boundedLines('a\nb\nc\nd\n', 2), 'a\nb\n(2 more lines)\n');
});
