// The OpenAPI v3 endpoints of the served API: /openapi/v3 lists one document per group version
// with its server-relative URL and content hash (staging/src/k8s.io/client-go/openapi/client.go,
// staging/src/k8s.io/kube-openapi/pkg/handler3), and /openapi/v3/<path> is Kubernetes 1.33's
// document of that group version, trimmed to the modelled kinds (src/api/openapi.ts). kubectl reads
// them for `kubectl explain` (staging/src/k8s.io/kubectl/pkg/explain/v2), for the fieldValidation
// check of QueryParamVerifierV3 (staging/src/k8s.io/cli-runtime/pkg/resource/query_param_verifier_v3.go)
// and for apply's strategic merge patches. /openapi/v2 (JSON and protobuf) is openapiv2.ts's.

import { openApiV3Documents } from '../api/openapi.ts';

/** The document of one group version (`api/v1`, `apis/apps/v1`) as JSON text, or undefined. */
export function openApiV3Text(path: string): string | undefined {
  return openApiV3Documents().get(path)?.text;
}

/** GET /openapi/v3: the documents by group version, with their server-relative URLs. */
export function openApiV3Index(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [path, { hash }] of openApiV3Documents())
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  return { paths };
}
