import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProtobufBody, goDuration } from './protobuf.ts';

// Bodies real kubectl 1.33.1 sent to serve (captured), decoded to the JSON the Go struct marshals
// to (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go).

test('kubectl create deployment --replicas=0 --port=80: a pointer zero stays, non-pointer zeroes go, Time zero is null', () => {
  const body = Buffer.from(
    'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErwBCiEKBHdlYjMSABoAIgAqADIAOABCAFoLCgNhcHASBHdlYjMSiAEIABINCgsKA2FwcBIEd2ViMxptCh0KABIAGgAiACoAMgA4AEIAWgsKA2FwcBIEd2ViMxJMEi4KBW5naW54EgVuZ2lueCoAMgoKABAAGFAiACoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA',
    'base64',
  );
  assert.deepEqual(decodeProtobufBody(body), {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: 'web3', creationTimestamp: null, labels: { app: 'web3' } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web3' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web3' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} }] },
      },
      strategy: {},
    },
    status: {},
  });
});

test('kubectl create service clusterip --tcp=80:http: IntOrString as a string', () => {
  const body = Buffer.from(
    'azhzAAoNCgJ2MRIHU2VydmljZRJvCiEKBHN2YzESABoAIgAqADIAOABCAFoLCgNhcHASBHN2YzESRgoeCgc4MC1odHRwEgNUQ1AYUCIKCAEQABoEaHR0cCgAEgsKA2FwcBIEc3ZjMRoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==',
    'base64',
  );
  assert.deepEqual(decodeProtobufBody(body), {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: 'svc1', creationTimestamp: null, labels: { app: 'svc1' } },
    spec: {
      ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http' }],
      selector: { app: 'svc1' },
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
});

test('kubectl create secret generic --from-literal: bytes as base64', () => {
  const body = Buffer.from('azhzAAoMCgJ2MRIGU2VjcmV0Eh4KEgoCczESABoAIgAqADIAOABCABIGCgFwEgF4GgAaACIA', 'base64');
  assert.deepEqual(decodeProtobufBody(body), {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: 's1', creationTimestamp: null },
    data: { p: 'eA==' },
  });
});

test('a body without the k8s\\0 prefix, or of a kind serve does not model, is a BadRequest', () => {
  assert.throws(() => decodeProtobufBody(Buffer.from('{}')), /missing the k8s\\0 prefix/);
  // runtime.Unknown{typeMeta: {apiVersion: "v1", kind: "Nope"}}
  const unknown = Buffer.concat([
    Buffer.from('k8s\0'),
    Buffer.from([0x0a, 0x0a, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x04]),
    Buffer.from('Nope'),
  ]);
  assert.throws(() => decodeProtobufBody(unknown), /not supported yet: protobuf bodies of Nope in v1/);
});

test('metav1.Duration is time.Duration.String()', () => {
  assert.equal(goDuration(0), '0s');
  assert.equal(goDuration(1.5e9), '1.5s');
  assert.equal(goDuration(3_723e9), '1h2m3s');
  assert.equal(goDuration(2e6), '2ms');
  assert.equal(goDuration(60e9), '1m0s');
});
