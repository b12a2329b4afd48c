import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, rfc1123z } from './duration.ts';

const S = 1000,
  M = 60 * S,
  H = 60 * M,
  D = 24 * H;

test('HumanDuration: seconds below 2 minutes, negative within 1s is 0s, earlier is <invalid>', () => {
  assert.equal(humanDuration(45 * S), '45s');
  assert.equal(humanDuration(119 * S), '119s');
  assert.equal(humanDuration(-500), '0s');
  assert.equal(humanDuration(-1999), '0s');
  assert.equal(humanDuration(-2 * S), '<invalid>');
});

test('HumanDuration: minutes and seconds below 10 minutes, minutes below 3 hours', () => {
  assert.equal(humanDuration(3 * M + 12 * S), '3m12s');
  assert.equal(humanDuration(5 * M), '5m');
  assert.equal(humanDuration(45 * M + 30 * S), '45m');
  assert.equal(humanDuration(179 * M), '179m');
});

test('HumanDuration: hours, days and years follow the apimachinery ladder', () => {
  assert.equal(humanDuration(5 * H), '5h');
  assert.equal(humanDuration(5 * H + 10 * M), '5h10m');
  assert.equal(humanDuration(20 * H), '20h');
  assert.equal(humanDuration(47 * H), '47h');
  assert.equal(humanDuration(2 * D), '2d');
  assert.equal(humanDuration(3 * D + 4 * H), '3d4h');
  assert.equal(humanDuration(45 * D), '45d');
  assert.equal(humanDuration(400 * D), '400d');
  assert.equal(humanDuration(3 * 365 * D + 10 * D), '3y10d');
  assert.equal(humanDuration(9 * 365 * D), '9y');
});

test('describe timestamps: RFC1123Z in UTC', () => {
  assert.equal(rfc1123z('2025-06-02T10:04:11Z'), 'Mon, 02 Jun 2025 10:04:11 +0000');
});
