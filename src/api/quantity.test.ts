import { test } from 'node:test';
import assert from 'node:assert/strict';
import { milliValue, value, parseQuantity, formatQuantity, resourceAmount, QuantityError } from './quantity.ts';

test('resource.Quantity: cpu "500m", "0.5" and "1" are 500m, 500m and 1000m (MilliValue)', () => {
  assert.equal(milliValue('500m'), 500);
  assert.equal(milliValue('0.5'), 500);
  assert.equal(milliValue('1'), 1000);
  assert.equal(milliValue(2), 2000);
});

test('resource.Quantity: binary and decimal suffixes (Ki=1024, K… k=1000, Mi, M, Gi, G)', () => {
  assert.equal(value('1Ki'), 1024);
  assert.equal(value('1k'), 1000);
  assert.equal(value('128Mi'), 128 * 1048576);
  assert.equal(value('1M'), 1e6);
  assert.equal(value('1Gi'), 2 ** 30);
  assert.equal(value('1e3'), 1000);
});

test('resource.Quantity: MilliValue and Value round up like the Go type', () => {
  assert.equal(milliValue('0.0001'), 1);
  assert.equal(value('1.5'), 2);
  assert.equal(milliValue('0.3'), 300);
});

test('resource.Quantity: malformed quantities are rejected with the API server regex message', () => {
  assert.throws(() => parseQuantity('2 cores'), /quantities must match the regular expression/);
  assert.throws(() => parseQuantity('1.2.3'), /quantities must match/);
  assert.throws(() => parseQuantity('10KB'), /quantities must match/);
});

test('resource.Quantity: a text read again has the same value, and a malformed one is rejected every time', () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(parseQuantity('32Gi'), 32 * 2 ** 30);
    assert.equal(milliValue('250m'), 250);
    assert.throws(() => parseQuantity(' 1'), /quantities must match/);
    assert.throws(() => parseQuantity('1 '), /quantities must match/);
  }
});

test('formatQuantity prints canonical cpu and memory text', () => {
  assert.equal(formatQuantity('cpu', 500), '500m');
  assert.equal(formatQuantity('cpu', 2000), '2');
  assert.equal(formatQuantity('memory', 128 * 1048576), '128Mi');
});

test("resource.Quantity: the scheduler's view is MilliValue for cpu and Value otherwise, the same on every read of a text; an invalid text fails every time", () => {
  for (let round = 0; round < 2; round++) {
    assert.equal(resourceAmount('cpu', '100m'), 100);
    assert.equal(resourceAmount('memory', '100m'), 1); // Value rounds 0.1 up
    assert.equal(resourceAmount('cpu', '0.0001'), 1);
    assert.equal(resourceAmount('memory', '500Mi'), 500 * 1048576);
    assert.equal(resourceAmount('cpu', 2), 2000);
    assert.throws(() => resourceAmount('cpu', '1x'), QuantityError);
  }
  // More distinct texts than are remembered: answers stay exact.
  for (let i = 0; i < 5000; i++) assert.equal(resourceAmount('cpu', `${i}m`), i);
  assert.equal(resourceAmount('cpu', '100m'), 100);
});
