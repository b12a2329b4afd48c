// The OpenAPI v3 documents of the served API, as far as kubectl reads them without schemas:
// /openapi/v3 lists one document per group version (staging/src/k8s.io/client-go/openapi/client.go)
// and each document declares, for every modelled kind, the PATCH operation of an object with its
// x-kubernetes-group-version-kind and the fieldValidation parameter. That is what kubectl's
// QueryParamVerifierV3 (staging/src/k8s.io/cli-runtime/pkg/resource/query_param_verifier_v3.go)
// looks for before leaving validation to the server (fieldValidation=Strict), as it does against
// kube-apiserver. The documents carry no schemas (no maintained package ships Kubernetes' OpenAPI
// documents for JavaScript): `kubectl explain` does not work, and kubectl apply computes its
// strategic merge patches from its compiled-in types (no requestBody, so it does not try v3).
// /openapi/v2 is not served (404), which kubectl tolerates.

import { createHash } from 'node:crypto';
import { KINDS } from '../api/kinds.ts';
import { K8S_VERSION } from '../cluster/bootstrap.ts';
import { groupVersions } from './discovery.ts';

const docPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

/** The document of one group version (`api/v1`, `apis/apps/v1`), or undefined. */
export function openApiV3Document(path: string): unknown {
  const gv = groupVersions().find(([g, v]) => docPath(g, v) === path);
  if (!gv) return undefined;
  const [group, version] = gv;
  const paths: Record<string, unknown> = {};
  for (const k of KINDS.filter((x) => x.group === group && x.version === version)) {
    const item = `/${docPath(group, version)}${k.namespaced ? '/namespaces/{namespace}' : ''}/${k.plural}/{name}`;
    paths[item] = {
      patch: {
        description: `partially update the specified ${k.kind}`,
        operationId: `patch${group ? group.split('.')[0].replace(/^./, (c) => c.toUpperCase()) : 'Core'}${version.replace(/^./, (c) => c.toUpperCase())}${k.namespaced ? 'Namespaced' : ''}${k.kind}`,
        parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
          name,
          in: 'query',
          schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
        })),
        responses: {
          200: { description: 'OK' },
          201: { description: 'Created' },
          401: { description: 'Unauthorized' },
        },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: k.kind },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: K8S_VERSION }, paths, components: { schemas: {} } };
}

const HASH = createHash('sha512')
  .update(`kube-scenarios ${K8S_VERSION} ${KINDS.map((k) => k.kind).join(',')}`)
  .digest('hex')
  .slice(0, 128)
  .toUpperCase();

/** GET /openapi/v3: the documents by group version, with their server-relative URLs. */
export function openApiV3Index(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [g, v] of groupVersions())
    paths[docPath(g, v)] = { serverRelativeURL: `/openapi/v3/${docPath(g, v)}?hash=${HASH}` };
  return { paths };
}
