// Kubernetes 1.33's OpenAPI v3 documents of the modelled group versions, as kube-apiserver serves
// them at /openapi/v3/<api/v1|apis/<group>/<version>>, trimmed to the modelled kinds:
// data/kubernetes/v1.33/openapi-v3.json (made by scripts/kubernetes-data.ts, which names its
// sources). serve publishes them (src/apiserver/openapi.ts); the simulator's `kubectl explain`
// renders them (src/kubectl/explain.ts). Read once, on first use.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_DIR } from '../util/paths.ts';

export interface OpenApiDocument {
  /** The parsed document (shared: never modified). */
  // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document
  doc: any;
  /** Its JSON text, as served. */
  text: string;
  /** SHA-512 of the text, upper-case hex (the `hash` of its server-relative URL). */
  hash: string;
}

let docs: Map<string, OpenApiDocument> | undefined;

/** The documents by group-version path (`api/v1`, `apis/apps/v1`). */
export function openApiV3Documents(): ReadonlyMap<string, OpenApiDocument> {
  if (docs) return docs;
  const data = JSON.parse(
    readFileSync(join(PROJECT_DIR, 'data', 'kubernetes', 'v1.33', 'openapi-v3.json'), 'utf8'),
  ) as { documents: Record<string, unknown> };
  docs = new Map();
  for (const [path, doc] of Object.entries(data.documents)) {
    const text = `${JSON.stringify(doc)}\n`;
    docs.set(path, { doc, text, hash: createHash('sha512').update(text).digest('hex').toUpperCase() });
  }
  return docs;
}

/** The document path of a group version: `api/v1`, `apis/apps/v1`. */
export const openApiPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);
