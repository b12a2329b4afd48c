import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineProgress, terminalProgress, NO_PROGRESS } from './progress.ts';
import { runSimulate } from './simulate.ts';
import { join } from 'node:path';

test('simulate progress: redraws one line in place at most once per percent and erases it at the end', () => {
  const writes: string[] = [];
  const p = lineProgress({ write: (t: string) => writes.push(t) });
  p.phase('applying documents', 1000);
  for (let i = 1; i <= 1000; i++) p.update(i);
  p.phase('building the report');
  p.end();
  assert.equal(writes.length, 1 + 100 + 1 + 1);
  assert.equal(writes[0], '\r\x1b[Kapplying documents 0/1000 (0%)');
  assert.equal(writes[100], '\r\x1b[Kapplying documents 1000/1000 (100%)');
  assert.equal(writes[101], '\r\x1b[Kbuilding the report…');
  assert.equal(writes.at(-1), '\r\x1b[K');
});

test('simulate progress: drawn when stderr is a terminal, whatever the input size; never into a pipe or a file', () => {
  assert.equal(terminalProgress({ write: () => true, isTTY: false }), NO_PROGRESS);
  assert.equal(terminalProgress({ write: () => true }), NO_PROGRESS);
  assert.notEqual(terminalProgress({ write: () => true, isTTY: true }), NO_PROGRESS);
});

test('simulate progress: a run shows each phase in order — reading, checking, applying, the report — then erases the line', () => {
  const writes: string[] = [];
  const fixture = join(__dirname, '..', '..', 'test', 'fixtures', 'simulate', 'basic.yaml');
  const r = runSimulate(
    ['-f', fixture, '-o', 'json'],
    lineProgress({ write: (t: string) => writes.push(t), isTTY: true }),
  );
  assert.equal(r.exitCode, 0, r.stderr);
  const phases = [...new Set(writes.map((w) => /^\r\x1b\[K([a-z ]+)/.exec(w)?.[1]?.trim()).filter(Boolean))];
  assert.deepEqual(phases, ['reading files', 'checking documents', 'applying documents', 'building the report']);
  assert.equal(writes.at(-1), '\r\x1b[K');
});
