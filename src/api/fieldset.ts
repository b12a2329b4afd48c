// Field sets of managedFields (sigs.k8s.io/structured-merge-diff/v4: fieldpath, typed): the paths of
// an object's fields as its kind's schema names them — `f:<field>`, `k:{"name":"x"}` for an item of
// a list keyed by x-kubernetes-list-map-keys (or, without a list type, by x-kubernetes-patch-merge-key:
// k8s.io/kube-openapi/pkg/schemaconv VisitArray), `v:<value>` for a set's member; an atomic map or
// list is one leaf — read from the OpenAPI v3 documents (src/api/openapi.ts). A set is held as the
// Set of its members' paths (segments joined by SEP) and written as FieldsV1 (`.` marks a node
// that is itself a member). `compare` is typed.Comparison (typed/compare.go), which an Update's
// field manager diffs the live and the new object with; `appliedFields` is ToFieldSet of an applied
// configuration (typed/tofieldset.go).

import type { KindInfo } from './kinds.ts';
import { openApiPath, openApiV3Documents } from './openapi.ts';
import type { KubeObject } from './types.ts';
import { deepEqual } from '../util/diff.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON documents of any shape
type Json = any;
/** FieldsV1: `f:`/`k:`/`v:` keys to nested sets; `{}` is a leaf, `.` marks a node that is itself a member. */
export type FieldSet = { [k: string]: FieldSet };

/** metav1.ManagedFieldsEntry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldSet;
  subresource?: string;
}

/** The separator of a path's segments in a PathSet (no field name, key or value contains it). */
export const SEP = '\u0001';
/** A set of field paths: each member is its segments joined by SEP (`f:spec\u0001f:replicas`). */
export type PathSet = Set<string>;

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(doc: Json, schema: Json): Json {
  if (!schema) return undefined;
  const ref: string | undefined = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (!ref) return schema;
  return doc.components.schemas[ref.split('/').pop()!];
}

const schemas = new Map<string, { doc: Json; schema: Json }>();
const schemaOf = new WeakMap<KindInfo, { doc: Json; schema: Json }>();

/** The schema of a kind in its group version's document (cached). */
export function kindSchema(info: KindInfo): { doc: Json; schema: Json } {
  const known = schemaOf.get(info);
  if (known) return known;
  const key = `${info.group}/${info.version}/${info.kind}`;
  let found = schemas.get(key);
  if (found) {
    schemaOf.set(info, found);
    return found;
  }
  const doc = openApiV3Documents().get(openApiPath(info.group, info.version))?.doc;
  const all: Record<string, Json> = doc?.components?.schemas ?? {};
  const schema = Object.values(all).find((s) =>
    (s['x-kubernetes-group-version-kind'] ?? []).some(
      (g: Json) => g.group === info.group && g.version === info.version && g.kind === info.kind,
    ),
  );
  found = { doc, schema };
  schemas.set(key, found);
  schemaOf.set(info, found);
  return found;
}

type ListRelation = { type: 'atomic' } | { type: 'set' } | { type: 'map'; keys: string[] };

/** schemaconv's list element relationship: x-kubernetes-list-type, else a merge patch strategy, else atomic. */
function listRelation(schemaIn: Json, schema: Json): ListRelation {
  const ext = (name: string) => schemaIn?.[name] ?? schema?.[name];
  const type = ext('x-kubernetes-list-type');
  if (type === 'map') return { type: 'map', keys: ext('x-kubernetes-list-map-keys') ?? [] };
  if (type === 'set') return { type: 'set' };
  if (type === undefined) {
    const strategy = ext('x-kubernetes-patch-strategy');
    if (strategy === 'merge' || strategy === 'merge,retainKeys') {
      const key = ext('x-kubernetes-patch-merge-key');
      return key ? { type: 'map', keys: [key] } : { type: 'set' };
    }
  }
  return { type: 'atomic' };
}

/** The list-map key of an item: its key fields (a missing `protocol` is TCP, the schema default), sorted by name. */
export function itemKey(item: Json, keys: string[]): string {
  const k: Record<string, Json> = {};
  for (const name of [...keys].sort()) k[name] = item?.[name] ?? (name === 'protocol' ? 'TCP' : undefined);
  return `k:${JSON.stringify(k)}`;
}

const itemSegment = (rel: ListRelation, item: Json): string =>
  rel.type === 'map' ? itemKey(item, rel.keys) : `v:${JSON.stringify(item)}`;

const isAtomicMap = (schemaIn: Json, schema: Json) =>
  (schemaIn?.['x-kubernetes-map-type'] ?? schema?.['x-kubernetes-map-type']) === 'atomic';

/** The schema of a map's entry: its declared property, else its additionalProperties (undefined: deduced). */
function fieldSchema(schema: Json, key: string): Json {
  return (
    schema?.properties?.[key] ?? (isObject(schema?.additionalProperties) ? schema.additionalProperties : undefined)
  );
}

function walk(doc: Json, value: Json, schemaIn: Json): FieldSet {
  const schema = resolve(doc, schemaIn) ?? {};
  if (Array.isArray(value)) {
    const rel = listRelation(schemaIn, schema);
    const items = schemaIn?.items ?? schema.items;
    if (rel.type === 'map') {
      const out: FieldSet = {};
      for (const item of value) out[itemKey(item, rel.keys)] = { '.': {}, ...walk(doc, item, items) };
      return out;
    }
    if (rel.type === 'set') return Object.fromEntries(value.map((v) => [`v:${JSON.stringify(v)}`, {}]));
    return {};
  }
  if (!isObject(value)) return {};
  if (isAtomicMap(schemaIn, schema)) return {};
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

/** Metadata no field set records (stripMetaManager, staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/stripmeta.go). */
export const STRIPPED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'selfLink',
  'managedFields',
  'clusterName',
]);

/** The fields an applied configuration sets (what its Apply entry's fieldsV1 records). */
export function appliedFields(info: KindInfo, applied: KubeObject): FieldSet {
  const { doc, schema } = kindSchema(info);
  if (!schema) return {};
  const obj: Json = { ...applied };
  delete obj.apiVersion;
  delete obj.kind;
  delete obj.status;
  if (isObject(obj.metadata)) {
    obj.metadata = Object.fromEntries(
      Object.entries(obj.metadata).filter(
        ([k]) => !STRIPPED_METADATA.has(k) && k !== 'deletionTimestamp' && k !== 'deletionGracePeriodSeconds',
      ),
    );
    if (Object.keys(obj.metadata).length === 0) delete obj.metadata;
  }
  return walk(doc, obj, schema);
}

/** typed.Comparison: the paths added, modified and removed from one object to another. */
export interface Comparison {
  added: string[];
  modified: string[];
  removed: string[];
}

/**
 * compareWalker (typed/compare.go) over the kind's schema. `undefined` is an absent field, `null`
 * a present one (Go's zero value of a slice, map or pointer that is not omitempty). A node absent
 * on one side is itself added (removed) along with its children (the `.` of a FieldsV1 entry); an
 * atomic map or list, and a map or list empty on both sides, is one leaf. Identical references are
 * skipped: the simulator's writers share what they do not change.
 */
export function compare(info: KindInfo, lhs: Json, rhs: Json): Comparison {
  const out: Comparison = { added: [], modified: [], removed: [] };
  const { doc, schema } = kindSchema(info);
  compareNode(doc, lhs, rhs, schema, '', out);
  return out;
}

const join = (path: string, seg: string) => (path ? path + SEP + seg : seg);

function leaf(l: Json, r: Json, path: string, out: Comparison): void {
  if (l === undefined) out.added.push(path);
  else if (r === undefined) out.removed.push(path);
  else if (!deepEqual(l, r)) out.modified.push(path);
}

function compareNode(doc: Json, l: Json, r: Json, schemaIn: Json, path: string, out: Comparison): void {
  if (l === r) return;
  const schema = resolve(doc, schemaIn);
  const isList = Array.isArray(l) || Array.isArray(r) || schema?.type === 'array';
  const isMap =
    !isList &&
    (isObject(l) ||
      isObject(r) ||
      ((schema?.type === 'object' || isObject(schema?.properties)) && !isObject(schema?.additionalProperties)));
  if (isList) {
    const ll: Json[] = Array.isArray(l) ? l : [];
    const rl: Json[] = Array.isArray(r) ? r : [];
    const rel = listRelation(schemaIn, schema);
    if (rel.type === 'atomic' || (ll.length === 0 && rl.length === 0)) {
      leaf(l, r, path, out);
      return;
    }
    const items = schemaIn?.items ?? schema?.items;
    const left = new Map<string, Json>();
    for (const item of ll) {
      const seg = itemSegment(rel, item);
      if (!left.has(seg)) left.set(seg, item);
    }
    const seen = new Set<string>();
    for (const item of rl) {
      const seg = itemSegment(rel, item);
      if (seen.has(seg)) continue;
      seen.add(seg);
      compareNode(doc, left.get(seg), item, items, join(path, seg), out);
    }
    for (const [seg, item] of left) if (!seen.has(seg)) compareNode(doc, item, undefined, items, join(path, seg), out);
  } else if (isMap) {
    const lm = isObject(l) ? l : undefined;
    const rm = isObject(r) ? r : undefined;
    const empty = (m: Record<string, Json> | undefined) => !m || Object.keys(m).length === 0;
    if (isAtomicMap(schemaIn, schema) || (empty(lm) && empty(rm))) {
      leaf(l, r, path, out);
      return;
    }
    if (lm)
      for (const k of Object.keys(lm)) {
        if (lm[k] === undefined) continue;
        compareNode(doc, lm[k], rm?.[k], fieldSchema(schema, k), join(path, `f:${k}`), out);
      }
    if (rm)
      for (const k of Object.keys(rm)) {
        if (rm[k] === undefined || (lm && lm[k] !== undefined)) continue;
        compareNode(doc, undefined, rm[k], fieldSchema(schema, k), join(path, `f:${k}`), out);
      }
  } else {
    leaf(l, r, path, out);
    return;
  }
  if (l === undefined) out.added.push(path);
  else if (r === undefined) out.removed.push(path);
}

/** The member paths of a FieldsV1 set. */
export function pathSetOf(fields: FieldSet | undefined): PathSet {
  const out: PathSet = new Set();
  const visit = (node: FieldSet, prefix: string) => {
    for (const [k, child] of Object.entries(node)) {
      if (k === '.') {
        if (prefix) out.add(prefix);
        continue;
      }
      const p = join(prefix, k);
      if (Object.keys(child).length === 0) out.add(p);
      else visit(child, p);
    }
  };
  if (fields) visit(fields, '');
  return out;
}

/** A path set as FieldsV1, keys in byte order (`.` first) as Go's JSON encoding of it sorts them. */
export function fieldsV1Of(paths: Iterable<string>): FieldSet {
  interface Node {
    member: boolean;
    children: Map<string, Node>;
  }
  const root: Node = { member: false, children: new Map() };
  for (const p of paths) {
    let node = root;
    for (const seg of p.split(SEP)) {
      let next = node.children.get(seg);
      if (!next) {
        next = { member: false, children: new Map() };
        node.children.set(seg, next);
      }
      node = next;
    }
    node.member = true;
  }
  const emit = (node: Node): FieldSet => {
    const out: FieldSet = {};
    if (node.member && node.children.size) out['.'] = {};
    for (const k of [...node.children.keys()].sort()) out[k] = emit(node.children.get(k)!);
    return out;
  };
  return emit(root);
}

/** Whether a path is `prefix` or lies under it. */
export const underPath = (path: string, prefix: string) =>
  path === prefix || (path.length > prefix.length && path.startsWith(prefix) && path[prefix.length] === SEP);
