import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goMarshal, goTyped } from './gotyped.ts';

test('goTyped: encoding/json of the Go struct: omitempty zeros dropped, non-pointer structs always written, inline structs flattened, quantities canonical', () => {
  const t = goTyped('k8s.io.api.core.v1.PodTemplateSpec', {
    spec: {
      hostNetwork: false,
      nodeSelector: {},
      containers: [
        {
          name: 'c',
          image: 'x',
          ports: [{ containerPort: 80, hostPort: 0 }],
          resources: { requests: { cpu: '0.5' }, limits: {} },
          env: [{ name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }],
        },
      ],
      volumes: [
        { name: 'v', configMap: { name: 'cm' } },
        { name: 'h', hostPath: { path: '/x', type: '' } },
      ],
    },
  });
  assert.deepEqual(t, {
    // PodTemplateSpec.ObjectMeta and ObjectMeta.CreationTimestamp are structs, not pointers
    metadata: { creationTimestamp: null },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'x',
          ports: [{ containerPort: 80 }],
          resources: { requests: { cpu: '500m' } },
          // ResourceFieldSelector.Divisor is a resource.Quantity, not a pointer
          env: [{ name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '0' } } }],
        },
      ],
      // VolumeSource and LocalObjectReference are inline; HostPathVolumeSource.Type is a pointer
      volumes: [
        { name: 'v', configMap: { name: 'cm' } },
        { name: 'h', hostPath: { path: '/x', type: '' } },
      ],
    },
  });
  // a container without resources still writes `resources: {}`
  const c = goTyped('k8s.io.api.core.v1.Container', { name: 'c' });
  assert.deepEqual(c, { name: 'c', resources: {} });
});

test('goMarshal: json.Marshal of a map: keys sorted by bytes, <>& and U+2028 escaped', () => {
  assert.equal(
    goMarshal({ b: 1, a: ['<x>', 'a&b'], $p: null, B: '\u2028' }),
    '{"$p":null,"B":"\\u2028","a":["\\u003cx\\u003e","a\\u0026b"],"b":1}',
  );
});
