import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeObject, validatorFor } from './decode.ts';
import { KINDS, kindInfo } from './kinds.ts';
import type { KubeObject } from './types.ts';

const pod = (extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...extra },
  }) as unknown as KubeObject;

test('strict decoding (fieldValidation=Strict): unknown fields are found the same way for the first object of a shape and for later ones, in JSON order', () => {
  const info = kindInfo('Pod')!;
  assert.equal(decodeObject(pod(), info), undefined);
  for (let i = 0; i < 2; i++) {
    const err = decodeObject(
      pod(
        { zeta: 1, nodeSelector: { any: 'x' } },
        { imagePullPolcy: 'Always', resources: { limits: { cpu: '1' }, lim: 1 } },
      ),
      info,
    );
    assert.deepEqual(err, {
      message:
        'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy", unknown field "spec.containers[0].resources.lim", unknown field "spec.zeta"',
      path: ['spec', 'containers', 0, 'imagePullPolcy'],
    });
  }
});

test('strict decoding (fieldValidation=Strict): unknown fields are listed in JSON order whatever order the manifest writes them in', () => {
  const info = kindInfo('Pod')!;
  const reversed = (): KubeObject =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        zeta: 1,
        containers: [
          { resources: { lim: 1, limits: { cpu: '1' } }, imagePullPolcy: 'Always', image: 'nginx', name: 'c' },
        ],
      },
    }) as unknown as KubeObject;
  decodeObject(pod(), info); // the shapes are known: later objects are checked without a Proxy
  for (let i = 0; i < 2; i++) {
    assert.equal(
      decodeObject(reversed(), info)?.message,
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy", unknown field "spec.containers[0].resources.lim", unknown field "spec.zeta"',
    );
  }
});

test('strict decoding (fieldValidation=Strict): an object shared by two fields (a YAML alias) is checked at both places', () => {
  const info = kindInfo('Pod')!;
  const shared = { limits: { cpu: '1' }, lim: 1 };
  const obj = pod({}, { resources: shared }) as unknown as { spec: { containers: unknown[] } };
  obj.spec.containers.push({ name: 'd', image: 'nginx', resources: shared });
  assert.equal(
    decodeObject(obj as unknown as KubeObject, info)!.message,
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].resources.lim", unknown field "spec.containers[1].resources.lim"',
  );
});

test('strict decoding: every kind the API server serves has its kubernetes-models validator', () => {
  for (const info of KINDS) assert.equal(typeof validatorFor(info), 'function', info.kind);
});

test('decoding: an int32 field holding a number beyond 2^31-1 fails like encoding/json (literalStore: OverflowInt → UnmarshalTypeError "number <literal>")', () => {
  const deploy = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: {
      replicas: 2147483648,
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  } as unknown as KubeObject;
  assert.equal(
    decodeObject(deploy, kindInfo('Deployment')!)?.message,
    'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
  (deploy as unknown as { spec: { replicas: number } }).spec.replicas = 2147483647;
  assert.equal(decodeObject(deploy, kindInfo('Deployment')!), undefined);
  const spread = pod({
    topologySpreadConstraints: [{ maxSkew: 1099511627776, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
  });
  assert.deepEqual(decodeObject(spread, kindInfo('Pod')!), {
    message:
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 1099511627776 into Go struct field TopologySpreadConstraint.spec.topologySpreadConstraints.maxSkew of type int32',
    path: ['spec', 'topologySpreadConstraints', 0, 'maxSkew'],
  });
  assert.match(
    decodeObject(pod({ priority: -2147483649 }), kindInfo('Pod')!)!.message,
    /cannot unmarshal number -2147483649 into Go struct field PodSpec.spec.priority of type int32$/,
  );
});

test('decoding: int32 overflow is reported for every kind with int32 fields (the schema format int32), naming the Go struct field', () => {
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 's' },
    spec: {
      replicas: 4294967296,
      selector: { matchLabels: { a: 'b' } },
      serviceName: 's',
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  } as unknown as KubeObject;
  assert.equal(
    decodeObject(sts, kindInfo('StatefulSet')!)?.message,
    'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal number 4294967296 into Go struct field StatefulSetSpec.spec.replicas of type int32',
  );
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: {
      completions: 2147483648,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
    },
  } as unknown as KubeObject;
  assert.equal(
    decodeObject(job, kindInfo('Job')!)?.message,
    'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number 2147483648 into Go struct field JobSpec.spec.completions of type int32',
  );
  const pc = {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'p' },
    value: 3000000000,
  } as unknown as KubeObject;
  assert.equal(
    decodeObject(pc, kindInfo('PriorityClass')!)?.message,
    'PriorityClass in version "v1" cannot be handled as a PriorityClass: json: cannot unmarshal number 3000000000 into Go struct field PriorityClass.value of type int32',
  );
});

test('decoding: an IntOrString holding something else than a string or an int32 fails without struct context (intstr UnmarshalJSON uses the standard library)', () => {
  const probe = (port: unknown) =>
    decodeObject(pod({}, { readinessProbe: { httpGet: { port } } }), kindInfo('Pod')!)?.message;
  assert.equal(
    probe(2147483648),
    'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 2147483648 into Go value of type int32',
  );
  assert.equal(
    probe(true),
    'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go value of type int32',
  );
  assert.equal(probe(8080), undefined);
  assert.equal(probe('http'), undefined);
});
