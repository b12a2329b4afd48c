// Downward-API field paths read as text (an env var's valueFrom.fieldRef): ExtractFieldPathAsString
// of pkg/fieldpath/fieldpath.go, which staging/src/k8s.io/kubectl/pkg/util/fieldpath repeats for
// `kubectl describe`. Object metadata only: the kubelet answers spec.* and status.* paths itself
// (pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue), while kubectl describe shows
// nothing for them.

import type { KubeObject } from './types.ts';
import { isQualifiedName } from './validation/names.ts';

/** A field path ExtractFieldPathAsString does not read; the message is upstream's. */
export class FieldPathError extends Error {}

/** FormatMap: `key="value"` lines in key order (Go %q quoting of the value). */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

/** SplitMaybeSubscriptedPath: `metadata.labels['app']` → ['metadata.labels', 'app']. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const i = s.indexOf("['");
  return i > 0 ? [s.slice(0, i), s.slice(i + 2)] : undefined;
}

/** The text of a metadata field path of the object; FieldPathError for any other path. */
export function extractFieldPathAsString(obj: KubeObject, fieldPath: string): string {
  const md = obj.metadata;
  const sub = splitSubscript(fieldPath);
  if (sub) {
    const [path, key] = sub;
    if (path !== 'metadata.annotations' && path !== 'metadata.labels')
      throw new FieldPathError(`fieldPath "${fieldPath}" does not support subscript`);
    const errs = isQualifiedName(path === 'metadata.annotations' ? key.toLowerCase() : key);
    if (errs.length) throw new FieldPathError(`invalid key subscript in ${fieldPath}: ${errs.join(';')}`);
    return (path === 'metadata.annotations' ? md.annotations : md.labels)?.[key] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return formatMap(md.annotations);
    case 'metadata.labels':
      return formatMap(md.labels);
    case 'metadata.name':
      return md.name ?? '';
    case 'metadata.namespace':
      return md.namespace ?? '';
    case 'metadata.uid':
      return md.uid ?? '';
    default:
      throw new FieldPathError(`unsupported fieldPath: ${fieldPath}`);
  }
}
