// The PATCH bodies kube-apiserver accepts (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go):
// JSON merge patch (RFC 7386, application/merge-patch+json), JSON patch (RFC 6902,
// application/json-patch+json) and strategic merge patch (application/strategic-merge-patch+json,
// staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go) with the merge keys of the
// modelled types (the patchMergeKey tags of staging/src/k8s.io/api/core/v1/types.go and apps/v1)
// and its `$patch: delete|replace` directives. Lists without a merge key are replaced, as they are
// for fields without a patchStrategy tag (tolerations, taints, args).

import { badRequest } from './errors.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON documents of any shape
type Json = any;

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge, null removes, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The patchMergeKey of a list field (by field name; the modelled types use each name with one key). */
function mergeKey(field: string, items: Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'ports':
      return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    case 'conditions':
    case 'addresses':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'hostAliases':
      return 'ip';
    case 'podIPs':
    case 'hostIPs':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    default:
      return undefined;
  }
}

/** Lists of strings merged as sets (patchStrategy:"merge" on a primitive list). */
const PRIMITIVE_MERGE = new Set(['finalizers']);

/** Strategic merge patch of `patch` onto `target` (both plain JSON). */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue; // $setElementOrder/…, $retainKeys, $deleteFromPrimitiveList/… (order and retention are not modelled)
    if (v === null) {
      delete out[k];
      continue;
    }
    if (Array.isArray(v)) {
      out[k] = mergeList(out[k], v, k, patch[`$deleteFromPrimitiveList/${k}`]);
      continue;
    }
    const merged = strategicMergePatch(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function mergeList(current: Json, patch: Json[], field: string, deletions: Json): Json[] {
  const cur: Json[] = Array.isArray(current) ? current : [];
  if (patch.some((p) => isObject(p) && p.$patch === 'replace'))
    return patch.filter((p) => !(isObject(p) && p.$patch)).map(stripDirectives);
  if (PRIMITIVE_MERGE.has(field)) {
    const drop = new Set(Array.isArray(deletions) ? deletions : []);
    return [...new Set([...cur, ...patch])].filter((x) => !drop.has(x));
  }
  const key = mergeKey(field, [...cur, ...patch]);
  if (!key || !patch.every(isObject)) return patch.map(stripDirectives);
  const out = cur.map((x) => x);
  for (const p of patch) {
    const i = out.findIndex((x) => isObject(x) && x[key] === p[key]);
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategicMergePatch(out[i], p);
    else out.push(stripDirectives(p));
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

/** RFC 6901 pointer → its unescaped segments. */
function pointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/')))
    throw badRequest(
      `the server rejected our request due to an error in our request: invalid JSON pointer ${JSON.stringify(path)}`,
    );
  return path === ''
    ? []
    : path
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). */
export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw badRequest('the server rejected our request due to an error in our request');
  let root = structuredClone(doc);
  const parentOf = (segs: string[]): [Json, string] => {
    let cur = root;
    for (const s of segs.slice(0, -1)) {
      cur = Array.isArray(cur) ? cur[Number(s)] : isObject(cur) ? cur[s] : undefined;
      if (cur === undefined) throw badRequest(`jsonpatch: path /${segs.join('/')} does not exist`);
    }
    return [cur, segs[segs.length - 1]];
  };
  const read = (segs: string[]): Json => {
    let cur = root;
    for (const s of segs) {
      cur = Array.isArray(cur) ? cur[Number(s)] : isObject(cur) ? cur[s] : undefined;
      if (cur === undefined) throw badRequest(`jsonpatch: path /${segs.join('/')} does not exist`);
    }
    return cur;
  };
  const add = (segs: string[], value: Json) => {
    if (segs.length === 0) {
      root = value;
      return;
    }
    const [parent, last] = parentOf(segs);
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(i) || i < 0 || i > parent.length)
        throw badRequest(`jsonpatch: add operation index ${last} out of bounds`);
      parent.splice(i, 0, value);
    } else parent[last] = value;
  };
  const remove = (segs: string[]): Json => {
    const value = read(segs);
    const [parent, last] = parentOf(segs);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return value;
  };
  for (const op of ops) {
    const path = pointer(op?.path);
    switch (op?.op) {
      case 'add':
        add(path, structuredClone(op.value));
        break;
      case 'remove':
        remove(path);
        break;
      case 'replace':
        remove(path);
        add(path, structuredClone(op.value));
        break;
      case 'move':
        add(path, remove(pointer(op.from)));
        break;
      case 'copy':
        add(path, structuredClone(read(pointer(op.from))));
        break;
      case 'test':
        if (JSON.stringify(read(path)) !== JSON.stringify(op.value))
          throw badRequest(
            `the server rejected our request due to an error in our request: testing value ${op.path} failed`,
          );
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(op?.op)}`);
    }
  }
  return root;
}
