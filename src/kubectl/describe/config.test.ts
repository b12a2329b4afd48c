import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePair } from './testing.ts';

test('kubectl describe configmap: Data with each value under ----, an empty value, BinaryData sizes, events (ConfigMapDescriber; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe cm scripts');
  assert.equal(sim, real);
});

test('kubectl describe secret: the type and the byte size of each key, never the values, no events section (describeSecret; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe secret tls');
  assert.equal(sim, real);
});

test('kubectl describe serviceaccount: image pull secrets, mountable secrets with "(not found)" for a missing one, Tokens (describeServiceAccount of kubectl 1.33; golden)', () => {
  const { sim, real } = describePair('describe sa builder');
  assert.equal(sim, real);
});
