import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloneData } from './clone.ts';

test('API server object copy: cloneData copies manifest data as structuredClone does (key order, undefined, shared sub-objects), independent of the input', () => {
  const shared = { cpu: '1' };
  const input = { b: 1, a: [{ x: null, y: undefined }, 'z'], requests: shared, limits: shared, n: -0 };
  const out = cloneData(input);
  assert.deepEqual(out, structuredClone(input));
  assert.deepEqual(Object.keys(out), ['b', 'a', 'requests', 'limits', 'n']);
  assert.ok(Object.hasOwn(out.a[0] as object, 'y'));
  assert.equal(out.requests, out.limits);
  assert.notEqual(out.requests, shared);
  out.a.push('w');
  assert.equal(input.a.length, 2);
});

test('API server object copy: cloneData leaves anything but plain data (Dates, Maps, functions) to structuredClone', () => {
  const d = new Date(0);
  const out = cloneData({ when: d, m: new Map([['k', 1]]) });
  assert.ok(out.when instanceof Date && out.when !== d && out.when.getTime() === 0);
  assert.ok(out.m instanceof Map && out.m.get('k') === 1);
  assert.throws(() => cloneData({ f: () => 1 }), { name: 'DataCloneError' });
});
