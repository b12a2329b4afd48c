import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineProgress, terminalProgress, NO_PROGRESS } from './progress.ts';

test('simulate progress: redraws one line in place at most once per percent and erases it at the end', () => {
  const writes: string[] = [];
  const p = lineProgress({ write: (t: string) => writes.push(t) });
  p.phase('applying documents', 1000);
  for (let i = 1; i <= 1000; i++) p.update(i);
  p.end();
  assert.equal(writes.length, 1 + 100 + 1);
  assert.equal(writes[0], '\r\x1b[Kapplying documents 0/1000 (0%)');
  assert.equal(writes[100], '\r\x1b[Kapplying documents 1000/1000 (100%)');
  assert.equal(writes.at(-1), '\r\x1b[K');
});

test('simulate progress: small inputs, or output that is not a terminal, get none', () => {
  assert.equal(terminalProgress(10), NO_PROGRESS);
  if (!process.stdout.isTTY) assert.equal(terminalProgress(100_000), NO_PROGRESS);
});
