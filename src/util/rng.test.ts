import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, SAFE_ALPHABET } from './rng.ts';

test('rng: a seed and stream give the same sequence every time; streams differ', () => {
  const a = new Rng(1, 2),
    b = new Rng(1, 2),
    c = new Rng(1, 3);
  const draw = (r: Rng) => Array.from({ length: 5 }, () => r.next());
  assert.deepEqual(draw(a), draw(b));
  assert.notDeepEqual(draw(new Rng(1, 2)), draw(c));
});

test('rng clone: the same stream at the same position, drawn independently of the original', () => {
  const a = new Rng(7, 1);
  a.chars(10, SAFE_ALPHABET);
  const b = a.clone();
  const fromA = a.chars(8, SAFE_ALPHABET);
  assert.equal(b.chars(8, SAFE_ALPHABET), fromA);
  assert.notEqual(a.chars(8, SAFE_ALPHABET), fromA);
});
