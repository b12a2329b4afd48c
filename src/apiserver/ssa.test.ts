import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/types.ts';
import { ApiError } from '../store/errors.ts';
import { appliedFields } from '../api/fieldset.ts';
import { applyOwnership } from './ssa.ts';
import { strategicMergePatch } from '../store/patch.ts';

// Server-side apply's ownership (sigs.k8s.io/structured-merge-diff; staging/src/k8s.io/apimachinery/pkg/util/managedfields).

const T = '2026-01-01T00:00:00Z';
const cm = (data: Record<string, string>, labels?: Record<string, string>) =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x', namespace: 'default', ...(labels ? { labels } : {}) },
    data,
  }) as unknown as KubeObject;

test('fieldsV1 of an applied Deployment: keyed list items with ".", ports keyed by containerPort and protocol (TCP by default), an atomic selector is one leaf, identity metadata is not tracked', () => {
  const deploy = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      },
    },
  } as unknown as KubeObject;
  assert.deepEqual(appliedFields(kindInfo('Deployment')!, deploy), {
    'f:metadata': { 'f:labels': { 'f:app': {} } },
    'f:spec': {
      'f:replicas': {},
      'f:selector': {},
      'f:template': {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:containers': {
            'k:{"name":"nginx"}': {
              '.': {},
              'f:name': {},
              'f:image': {},
              'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
            },
          },
        },
      },
    },
  });
});

test('an apply that no longer sets a field removes it (and a map it leaves empty); another manager applying a different value conflicts unless forced', () => {
  const info = kindInfo('ConfigMap')!;
  const first = applyOwnership(
    info,
    undefined,
    cm({ a: '1', b: '2' }, { l: 'x' }),
    cm({ a: '1', b: '2' }, { l: 'x' }),
    'kubectl',
    false,
    T,
  );
  const applied = cm({ a: '1' });
  const second = applyOwnership(
    info,
    first,
    applied,
    strategicMergePatch(structuredClone(first), applied),
    'kubectl',
    false,
    T,
  );
  assert.deepEqual((second as unknown as { data: unknown }).data, { a: '1' });
  assert.equal(second.metadata.labels, undefined);
  const other = cm({ a: '9' });
  assert.throws(
    () => applyOwnership(info, second, other, strategicMergePatch(structuredClone(second), other), 'other', false, T),
    (e: unknown) =>
      e instanceof ApiError &&
      e.code === 409 &&
      e.message === 'Apply failed with 1 conflict: conflict with "kubectl": .data.a',
  );
  const forced = applyOwnership(
    info,
    second,
    other,
    strategicMergePatch(structuredClone(second), other),
    'other',
    true,
    T,
  );
  assert.deepEqual(
    (forced.metadata.managedFields as { manager: string }[]).map((e) => e.manager),
    ['other'],
  );
});

test('applying the value another manager set is no conflict: both own the field', () => {
  const info = kindInfo('ConfigMap')!;
  const first = applyOwnership(info, undefined, cm({ a: '1' }), cm({ a: '1' }), 'one', false, T);
  const same = applyOwnership(info, first, cm({ a: '1' }), first, 'two', false, T);
  assert.deepEqual(
    (same.metadata.managedFields as { manager: string }[]).map((e) => e.manager),
    ['one', 'two'],
  );
});
