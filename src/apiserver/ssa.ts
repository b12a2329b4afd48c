// Server-side apply's field ownership (staging/src/k8s.io/apimachinery/pkg/util/managedfields,
// sigs.k8s.io/structured-merge-diff): the fields an applied configuration sets, as the FieldsV1
// set of its managedFields entry (`f:<field>`, `k:{"name":"x"}` for an item of a list keyed by
// x-kubernetes-list-map-keys with `.` for the item itself, `v:<value>` for a set's member; an
// atomic struct or list is one leaf), computed from the kind's schema in the OpenAPI v3 documents
// (src/api/openapi.ts); identity and server-set metadata are not tracked (StripMetaManager).
// An apply: the fields another manager owns with a different value are conflicts (409, unless
// force); the fields this manager applied before and no longer applies, and nobody else owns, are
// removed; the manager's Apply entry is replaced. Simplification: only the managedFields entries
// the object carries are known — serve records Apply operations, not Update ones (the
// simulator's controllers and kubelets write through the store without a field manager).

import type { KindInfo } from '../api/kinds.ts';
import { openApiPath, openApiV3Documents } from '../api/openapi.ts';
import type { KubeObject } from '../api/types.ts';
import { ApiError } from '../store/errors.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON documents of any shape
type Json = any;
/** FieldsV1: `f:`/`k:`/`v:` keys to nested sets; `{}` is a leaf, `.` marks a node that is itself a member. */
export type FieldSet = { [k: string]: FieldSet };

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldSet;
  subresource?: string;
}

const STRIPPED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'selfLink',
  'managedFields',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(doc: Json, schema: Json): Json {
  if (!schema) return undefined;
  const ref: string | undefined = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (!ref) return schema;
  return doc.components.schemas[ref.split('/').pop()!];
}

/** The schema of a kind in its group version's document. */
function kindSchema(info: KindInfo): { doc: Json; schema: Json } {
  const doc = openApiV3Documents().get(openApiPath(info.group, info.version))?.doc;
  const schemas: Record<string, Json> = doc?.components?.schemas ?? {};
  const schema = Object.values(schemas).find((s) =>
    (s['x-kubernetes-group-version-kind'] ?? []).some(
      (g: Json) => g.group === info.group && g.version === info.version && g.kind === info.kind,
    ),
  );
  return { doc, schema };
}

/** The list-map key of an item: its key fields (a missing `protocol` is TCP, the schema default), sorted by name. */
function itemKey(item: Json, keys: string[]): string {
  const k: Record<string, Json> = {};
  for (const name of [...keys].sort()) k[name] = item?.[name] ?? (name === 'protocol' ? 'TCP' : undefined);
  return `k:${JSON.stringify(k)}`;
}

function walk(doc: Json, value: Json, schemaIn: Json): FieldSet {
  const schema = resolve(doc, schemaIn) ?? {};
  if (Array.isArray(value)) {
    const type = schemaIn?.['x-kubernetes-list-type'] ?? schema['x-kubernetes-list-type'];
    const keys: string[] | undefined = schemaIn?.['x-kubernetes-list-map-keys'] ?? schema['x-kubernetes-list-map-keys'];
    const items = schemaIn?.items ?? schema.items;
    if (type === 'map' && keys) {
      const out: FieldSet = {};
      for (const item of value) out[itemKey(item, keys)] = { '.': {}, ...walk(doc, item, items) };
      return out;
    }
    if (type === 'set') return Object.fromEntries(value.map((v) => [`v:${JSON.stringify(v)}`, {}]));
    return {};
  }
  if (!isObject(value)) return {};
  if ((schemaIn?.['x-kubernetes-map-type'] ?? schema['x-kubernetes-map-type']) === 'atomic') return {};
  const out: FieldSet = {};
  if (isObject(schema.properties)) {
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      out[`f:${k}`] = walk(doc, v, schema.properties[k]);
    }
  } else if (isObject(schema.additionalProperties)) {
    for (const [k, v] of Object.entries(value)) out[`f:${k}`] = walk(doc, v, schema.additionalProperties);
  }
  return out;
}

/** The fields an applied configuration sets (what its Apply entry's fieldsV1 records). */
export function appliedFields(info: KindInfo, applied: KubeObject): FieldSet {
  const { doc, schema } = kindSchema(info);
  if (!schema) return {};
  const obj: Json = { ...applied };
  delete obj.apiVersion;
  delete obj.kind;
  delete obj.status;
  if (isObject(obj.metadata)) {
    obj.metadata = Object.fromEntries(Object.entries(obj.metadata).filter(([k]) => !STRIPPED_METADATA.has(k)));
    if (Object.keys(obj.metadata).length === 0) delete obj.metadata;
  }
  return walk(doc, obj, schema);
}

/** The member paths of a set: leaves and `.` nodes, as lists of keys. */
function paths(set: FieldSet, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(set)) {
    if (k === '.') {
      out.push(prefix);
      continue;
    }
    const p = [...prefix, k];
    if (Object.keys(v).length === 0) out.push(p);
    else out.push(...paths(v, p));
  }
  return out;
}

const has = (set: FieldSet, path: string[]): boolean => {
  let cur: FieldSet | undefined = set;
  for (const k of path) {
    cur = cur?.[k];
    if (!cur) return false;
  }
  return Object.keys(cur).length === 0 || '.' in cur || path.length === 0;
};

/** The value at a field path (undefined when absent). */
function valueAt(obj: Json, path: string[]): Json {
  let cur = obj;
  for (const seg of path) {
    if (cur === undefined || cur === null) return undefined;
    if (seg.startsWith('f:')) cur = cur[seg.slice(2)];
    else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2)) as Record<string, Json>;
      cur = Array.isArray(cur)
        ? cur.find((i) =>
            Object.entries(key).every(([n, v]) => (i?.[n] ?? (n === 'protocol' ? 'TCP' : undefined)) === v),
          )
        : undefined;
    } else if (seg.startsWith('v:')) {
      const v = JSON.parse(seg.slice(2));
      cur = Array.isArray(cur) && cur.some((x) => JSON.stringify(x) === JSON.stringify(v)) ? v : undefined;
    }
  }
  return cur;
}

/** Removes the field at a path (a map key, a keyed list item, a set member). */
function removeAt(obj: Json, path: string[]): void {
  if (path.length === 0) return;
  const parent = valueAt(obj, path.slice(0, -1));
  const seg = path[path.length - 1];
  if (seg.startsWith('f:') && isObject(parent)) delete parent[seg.slice(2)];
  else if (Array.isArray(parent)) {
    const target = valueAt(obj, path);
    const i = parent.findIndex((x) => x === target || JSON.stringify(x) === JSON.stringify(target));
    if (i >= 0) parent.splice(i, 1);
  }
}

/** fieldpath.Path.String(): `.spec.containers[name="nginx"].image`, `.metadata.finalizers[="x"]`. */
function formatPath(path: string[]): string {
  return path
    .map((seg) => {
      if (seg.startsWith('f:')) return `.${seg.slice(2)}`;
      if (seg.startsWith('v:')) return `[=${seg.slice(2)}]`;
      const key = JSON.parse(seg.slice(2)) as Record<string, Json>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

/** printManager: `"kubectl"` for an Apply entry, `"x" using v1 at <time>` for an Update one. */
function printManager(e: ManagedFieldsEntry): string {
  const name = `${JSON.stringify(e.manager)}${e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : ''}`;
  if (e.operation !== 'Update') return name;
  return e.time ? `${name} using ${e.apiVersion} at ${e.time}` : `${name} using ${e.apiVersion}`;
}

/** getConflictMessage (staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go). */
function conflictMessage(conflicts: { entry: ManagedFieldsEntry; path: string[] }[]): string {
  if (conflicts.length === 1)
    return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].entry)}: ${formatPath(conflicts[0].path)}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const m = printManager(c.entry);
    byManager.set(m, [...(byManager.get(m) ?? []), formatPath(c.path)]);
  }
  const lines: string[] = [];
  for (const m of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${m}:`);
    for (const p of byManager.get(m)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * Applies `applied` as `manager` to `merged` (the current object with the configuration merged in,
 * or the new object): conflicts, removals and the managedFields entry. `current` is the stored
 * object before (undefined on create). Returns the object to store.
 */
export function applyOwnership(
  info: KindInfo,
  current: KubeObject | undefined,
  applied: KubeObject,
  merged: KubeObject,
  manager: string,
  force: boolean,
  time: string,
): KubeObject {
  const mine = appliedFields(info, applied);
  const entries: ManagedFieldsEntry[] = structuredClone(
    (current?.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [],
  );
  const others = entries.filter((e) => !(e.manager === manager && e.operation === 'Apply'));
  const previous = entries.find((e) => e.manager === manager && e.operation === 'Apply');
  // conflicts: a field another manager owns, applied with another value
  const conflicts: { entry: ManagedFieldsEntry; path: string[] }[] = [];
  for (const p of paths(mine)) {
    if (p.length === 0 || p[p.length - 1].startsWith('k:')) continue;
    for (const e of others) {
      if (!has(e.fieldsV1, p)) continue;
      if (JSON.stringify(valueAt(current, p)) !== JSON.stringify(valueAt(applied, p)))
        conflicts.push({ entry: e, path: p });
    }
  }
  if (conflicts.length && !force)
    throw new ApiError('Conflict', conflictMessage(conflicts), 409, [], info.kind, applied.metadata.name);
  // forced: the conflicting fields leave their managers
  for (const c of conflicts) dropPath(c.entry.fieldsV1, c.path);
  const out = structuredClone(merged);
  // what this manager applied before, applies no more, and nobody else owns, goes
  if (previous)
    for (const p of paths(previous.fieldsV1))
      if (!has(mine, p) && !others.some((e) => has(e.fieldsV1, p))) {
        removeAt(out, p);
        // a map left empty by the removal goes with it
        for (let i = p.length - 1; i >= 1; i--) {
          const parent = valueAt(out, p.slice(0, i));
          if (!isObject(parent) || Object.keys(parent).length > 0 || (i === 1 && p[0] === 'f:metadata')) break;
          removeAt(out, p.slice(0, i));
        }
      }
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  const next: ManagedFieldsEntry[] = others.filter((e) => Object.keys(e.fieldsV1).length > 0);
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: mine,
  };
  const at = entries.findIndex((e) => e.manager === manager && e.operation === 'Apply');
  if (at >= 0 && at <= next.length) next.splice(at, 0, entry);
  else next.push(entry);
  out.metadata = { ...out.metadata, managedFields: next as unknown as KubeObject['metadata']['managedFields'] };
  return out;
}

function dropPath(set: FieldSet, path: string[]): void {
  const stack: FieldSet[] = [set];
  let cur: FieldSet | undefined = set;
  for (const k of path.slice(0, -1)) {
    cur = cur?.[k];
    if (!cur) return;
    stack.push(cur);
  }
  delete cur[path[path.length - 1]];
  for (let i = path.length - 2; i >= 0; i--) if (Object.keys(stack[i + 1]).length === 0) delete stack[i][path[i]];
}
