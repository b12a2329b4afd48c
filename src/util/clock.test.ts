import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from './clock.ts';

test('virtual clock: timers fire in time order, ties in creation order, and time never goes back', () => {
  const c = new VirtualClock(0);
  const fired: string[] = [];
  c.at(2000, () => fired.push('b'));
  c.at(1000, () => fired.push('a1'));
  c.at(1000, () => fired.push('a2'));
  const cancel = c.at(1500, () => fired.push('cancelled'));
  cancel();
  c.advanceTo(1800);
  assert.deepEqual(fired, ['a1', 'a2']);
  assert.equal(c.now(), 1800);
  c.advanceTo(5000);
  assert.deepEqual(fired, ['a1', 'a2', 'b']);
  c.advanceTo(100);
  assert.equal(c.now(), 5000);
});

test('virtual clock: RFC 3339 timestamps with second precision', () => {
  const c = new VirtualClock(Date.UTC(2026, 0, 1, 0, 0, 0) + 1500);
  assert.equal(c.iso(), '2026-01-01T00:00:01Z');
});

test('virtual clock: iso() of instants in alternating seconds gives each its own text (metav1.Time truncates to the second)', () => {
  const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);
  const c = new VirtualClock(t0);
  for (const [ms, text] of [
    [t0 + 999, '2026-01-01T00:00:00Z'],
    [t0 + 61_000, '2026-01-01T00:01:01Z'],
    [t0 + 1, '2026-01-01T00:00:00Z'],
    [t0 + 61_999, '2026-01-01T00:01:01Z'],
  ] as const) {
    assert.equal(c.iso(ms), text);
  }
});

test('virtual clock clone: the same time, independent from then on; a clock with pending timers (closures over the original) is not cloned', () => {
  const c = new VirtualClock(5000);
  c.advanceTo(7000);
  const d = c.clone();
  assert.equal(d.now(), 7000);
  d.advanceTo(9000);
  assert.equal(c.now(), 7000);
  c.after(1000, () => {});
  assert.throws(() => c.clone(), /a clock with pending timers cannot be cloned/);
});
