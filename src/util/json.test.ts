import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, sameJson } from './json.ts';

test('status writes (sameJson): equal exactly when canonicalJson renders both the same — key order, undefined properties and undefined array items do not count', () => {
  const values: unknown[] = [
    null,
    undefined,
    0,
    1,
    NaN,
    Infinity,
    '',
    '1',
    true,
    false,
    [],
    {},
    [undefined],
    [null],
    { a: undefined },
    { a: 1 },
    { a: 1, b: undefined },
    { b: 1, a: 1 },
    { a: 1, b: 1 },
    [1, 2],
    [2, 1],
    { conditions: [{ type: 'Ready', status: 'True' }] },
    { conditions: [{ status: 'True', type: 'Ready', reason: undefined }] },
    { conditions: [{ type: 'Ready', status: 'False' }] },
    { a: { b: {} } },
    { a: { b: [] } },
  ];
  for (const a of values) {
    for (const b of values)
      assert.equal(sameJson(a, b), canonicalJson(a) === canonicalJson(b), `${canonicalJson(a)} vs ${canonicalJson(b)}`);
  }
});
