// Server-side apply's field ownership (staging/src/k8s.io/apimachinery/pkg/util/managedfields,
// sigs.k8s.io/structured-merge-diff): the fields an applied configuration sets (appliedFields,
// src/api/fieldset.ts) become the FieldsV1 set of the manager's Apply entry. An apply: the fields
// another manager (Apply or Update: every write records one, src/store/managedfields.ts) owns with
// a different value are conflicts (409, unless force); the fields this manager applied before and
// no longer applies, and nobody else owns, are removed; the manager's Apply entry is replaced.

import { appliedFields, type FieldSet, type ManagedFieldsEntry } from '../api/fieldset.ts';
import type { KindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/types.ts';
import { ApiError } from '../store/errors.ts';
import { sortEntries } from '../store/managedfields.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON documents of any shape
type Json = any;

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/**
 * printManager (internal/conflict.go) of a manager's identifier, which has no time
 * (BuildManagerIdentifier): `"kubectl"` for an Apply entry, `"x" using v1` for an Update one.
 */
function printManager(e: ManagedFieldsEntry): string {
  const name = `${JSON.stringify(e.manager)}${e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : ''}`;
  return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name;
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
  next.push(entry);
  out.metadata = { ...out.metadata, managedFields: sortEntries(next) };
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
