import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flat } from './text.ts';

test('flat: the same text, whatever it was built from', () => {
  const parts = ['a', 'é', '한', '', 'x'.repeat(40)];
  const built = parts.reduce((s, p, i) => `${s}${p}${i}`, '');
  assert.equal(flat(built), built);
  assert.equal(flat(''), '');
});
