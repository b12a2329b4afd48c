import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson, toTypedJson } from './gojson.ts';
import { k, testCluster } from './testing.ts';

test('-o json of a typed object kubectl builds (run --dry-run=client): Go struct order, as kubectl 1.33.1 printed it', () => {
  // `kubectl run bb --image=busybox --command --dry-run=client -o json -- sleep 1` (kubectl 1.33.1).
  const golden =
    '{\n    "kind": "Pod",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "bb",\n        "creationTimestamp": null,\n        "labels": {\n            "run": "bb"\n        }\n    },\n    "spec": {\n        "containers": [\n            {\n                "name": "bb",\n                "image": "busybox",\n                "command": [\n                    "sleep",\n                    "1"\n                ],\n                "resources": {}\n            }\n        ],\n        "restartPolicy": "Always",\n        "dnsPolicy": "ClusterFirst"\n    },\n    "status": {}\n}\n';
  assert.equal(k(testCluster(), 'run bb --image=busybox --command --dry-run=client -o json -- sleep 1').stdout, golden);
});

test('-o json of maps: keys sorted by bytes (integer-like keys are not first), <>& escaped, empty collections inline', () => {
  assert.equal(
    toJson({ b: 1, a: { '80': 'x', '1.5': 'y', at: '<&>' }, e: [], f: {} }),
    '{\n    "a": {\n        "1.5": "y",\n        "80": "x",\n        "at": "\\u003c\\u0026\\u003e"\n    },\n    "b": 1,\n    "e": [],\n    "f": {}\n}\n',
  );
});

test('-o json of a typed object: fields Go does not know go last, sorted; maps inside keep sorted keys', () => {
  const y = toTypedJson({
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: 'x', creationTimestamp: null },
    data: { b: '1', a: '2' },
    zz: 1,
  });
  assert.equal(
    y,
    '{\n    "kind": "ConfigMap",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "x",\n        "creationTimestamp": null\n    },\n    "data": {\n        "a": "2",\n        "b": "1"\n    },\n    "zz": 1\n}\n',
  );
});
