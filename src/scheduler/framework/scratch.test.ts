import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScratchArrays } from './scratch.ts';

test('a scratch array is handed out zeroed, reused at the same length and replaced at another', () => {
  const s = new ScratchArrays();
  const a = s.zeroed(0, 3);
  a[1] = 5;
  const again = s.zeroed(0, 3);
  assert.equal(again, a);
  assert.deepEqual([...again], [0, 0, 0]);
  assert.notEqual(s.zeroed(1, 3), a);
  assert.equal(s.zeroed(0, 4).length, 4);
});
