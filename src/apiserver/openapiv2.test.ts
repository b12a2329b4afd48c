import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOpenApiV2, encodeOpenApiV2 } from './gnostic.ts';
import { OPENAPI_V2_PROTOBUF, openApiV2, openApiV2Document, parseAccept } from './openapiv2.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON documents
type J = any;

test('/openapi/v2 negotiates JSON or protobuf from Accept, as kube-openapi handler.go does; 406 otherwise', () => {
  const json = openApiV2({ accept: 'application/json' });
  assert.equal(json.code, 200);
  assert.equal(json.headers['content-type'], 'application/json');
  assert.equal(json.headers.vary, 'Accept');
  assert.equal(JSON.parse(json.body.toString()).swagger, '2.0');
  // no Accept is */*: the first acceptable type, JSON
  assert.equal(openApiV2({}).headers['content-type'], 'application/json');
  // kubectl's discovery client asks for the deprecated protobuf name; the answer names the new one
  const pb = openApiV2({ accept: OPENAPI_V2_PROTOBUF });
  assert.equal(pb.headers['content-type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
  assert.equal(
    openApiV2({ accept: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' }).headers['content-type'],
    'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
  );
  // goautoneg sorts by q: protobuf (q=1) before JSON (q=0.5)
  assert.equal(
    openApiV2({ accept: `application/json;q=0.5, ${OPENAPI_V2_PROTOBUF}` }).headers['content-type'],
    'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
  );
  const no = openApiV2({ accept: 'text/html' });
  assert.equal(no.code, 406);
  assert.equal(no.body.length, 0);
});

test('/openapi/v2: one ETag (SHA-512 of the JSON) for both encodings; If-None-Match → 304 (net/http ServeContent)', () => {
  const json = openApiV2({ accept: 'application/json' });
  const pb = openApiV2({ accept: OPENAPI_V2_PROTOBUF });
  assert.match(json.headers.etag, /^"[0-9A-F]{128}"$/);
  assert.equal(pb.headers.etag, json.headers.etag);
  const again = openApiV2({ accept: OPENAPI_V2_PROTOBUF, 'if-none-match': json.headers.etag });
  assert.equal(again.code, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers['content-type'], undefined);
  assert.equal(openApiV2({ 'if-none-match': `W/${json.headers.etag}` }).code, 304);
  assert.equal(openApiV2({ 'if-none-match': '"other"' }).code, 200);
  assert.equal(openApiV2({ 'if-modified-since': json.headers['last-modified'] }).code, 304);
});

test('goautoneg order: q first, then specific types before wildcards', () => {
  assert.deepEqual(
    parseAccept('*/*;q=0.8, application/*, application/json;q=0.9, text/plain').map((c) => `${c.type}/${c.subType}`),
    ['text/plain', 'application/*', 'application/json', '*/*'],
  );
});

test('the protobuf /openapi/v2 decodes as gnostic openapi_v2.Document with every path, definition and extension', () => {
  const doc = openApiV2Document() as J;
  const decoded = decodeOpenApiV2(openApiV2({ accept: OPENAPI_V2_PROTOBUF }).body);
  assert.equal(decoded.swagger, '2.0');
  assert.deepEqual(decoded.info, { title: 'Kubernetes', version: 'v1.33.1', vendor_extension: [] });
  assert.deepEqual(
    decoded.paths.path.map((p: J) => p.name),
    Object.keys(doc.paths),
  );
  assert.deepEqual(
    decoded.definitions.additional_properties.map((d: J) => d.name),
    Object.keys(doc.definitions),
  );
  const schema = (name: string) => decoded.definitions.additional_properties.find((d: J) => d.name === name).value;
  const pod = schema('io.k8s.api.core.v1.Pod');
  // kube-openapi's pkg/util/proto reads x-kubernetes-group-version-kind from the extension's YAML
  const gvk = pod.vendor_extension.find((e: J) => e.name === 'x-kubernetes-group-version-kind');
  assert.deepEqual(JSON.parse(gvk.value.yaml), [{ group: '', kind: 'Pod', version: 'v1' }]);
  assert.deepEqual(pod.type.value, ['object']);
  const spec = pod.properties.additional_properties.find((p: J) => p.name === 'spec').value;
  assert.equal(spec._ref, '#/definitions/io.k8s.api.core.v1.PodSpec');
  // the enums kube-apiserver adds: imagePullPolicy's values as Any
  const container = schema('io.k8s.api.core.v1.Container');
  const policy = container.properties.additional_properties.find((p: J) => p.name === 'imagePullPolicy').value;
  assert.deepEqual(
    policy.enum.map((a: J) => JSON.parse(a.yaml)),
    ['Always', 'IfNotPresent', 'Never'],
  );
  // a map: additionalProperties is a schema; a list: items is one
  const labels = schema('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta').properties.additional_properties.find(
    (p: J) => p.name === 'labels',
  ).value;
  assert.deepEqual(labels.additional_properties.schema.type.value, ['string']);
  // operations: a $ref parameter is a JsonReference, a query parameter a QueryParameterSubSchema
  const item = decoded.paths.path.find((p: J) => p.name === '/api/v1/namespaces/{namespace}/pods').value;
  assert.equal(item.get.operation_id, 'listCoreV1NamespacedPod');
  assert.ok(item.parameters.some((p: J) => p.json_reference?._ref === '#/parameters/namespace-vgWSWtn3'));
  const ok = item.get.responses.response_code.find((r: J) => r.name === '200').value.response;
  assert.equal(ok.schema.schema._ref, '#/definitions/io.k8s.api.core.v1.PodList');
  assert.deepEqual(decoded.security[0].additional_properties, [{ name: 'BearerToken', value: { value: [] } }]);
  assert.equal(decoded.security_definitions.additional_properties[0].value.api_key_security.name, 'authorization');
});

test('a key the gnostic mapping does not know is an error, not dropped', () => {
  assert.throws(
    () => encodeOpenApiV2({ swagger: '2.0', info: { title: 't', version: 'v', bogus: 1 }, paths: {} }),
    /#\/info: not supported yet: the key "bogus" in an OpenAPI v2 Info/,
  );
});
