// Parsing and validation of the values written in step text and data tables: node and object
// names, taints `key=value:Effect`, labels `key=value`, label selectors, quantities, node
// lists `a, b or c`. Every function throws a UserError that names the bad value and shows the
// expected shape, so a typo in a scenario fails with a readable message.

import type { LabelSelector, Taint, TaintEffect } from '../../src/api/types.ts';
import { isQuantity } from '../../src/api/quantity.ts';
import { parseSelectorString } from '../../src/api/selectors.ts';
import { UserError } from '../../src/util/errors.ts';
import type { NodeSpecInput } from '../../src/cluster/bootstrap.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
export const TAINT_EFFECTS: TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
export type PodPhase = (typeof POD_PHASES)[number];

/** A namespaced object named in a step: `web` (namespace default) or `kube-system/web`. */
export interface ObjRef {
  namespace: string;
  name: string;
}
/** A workload named in a step: `deployment web`, `daemonset kube-system/kube-proxy`. */
export interface WorkloadRef extends ObjRef {
  kind: string;
}
/** `a, b or c` (any of them) / `a and b` (every one of them is used). */
export interface NodeList {
  names: string[];
  every: boolean;
}

export const WORKLOAD_KINDS: Record<string, string> = {
  deployment: 'Deployment',
  daemonset: 'DaemonSet',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  job: 'Job',
};

/** A node name: a DNS-1123 subdomain of at most 253 characters. */
export function parseNodeName(text: string): string {
  if (text.length > 253 || !DNS1123_SUBDOMAIN.test(text)) {
    throw new UserError(
      `invalid node name "${text}": a node name is a lowercase RFC 1123 subdomain (lower case letters, digits, '-' and '.', starting and ending with a letter or digit), e.g. w1-k8s`,
    );
  }
  return text;
}

/** `name` or `namespace/name`; the namespace defaults to "default". */
export function parseObjRef(text: string, what = 'object'): ObjRef {
  const parts = text.split('/');
  if (parts.length > 2) throw new UserError(`invalid ${what} "${text}": write NAME or NAMESPACE/NAME`);
  const [namespace, name] = parts.length === 2 ? parts : ['default', parts[0]];
  if (!DNS1123_LABEL.test(namespace) || namespace.length > 63) {
    throw new UserError(`invalid ${what} "${text}": the namespace "${namespace}" is not a lowercase RFC 1123 label`);
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    throw new UserError(
      `invalid ${what} "${text}": "${name}" is not a lowercase RFC 1123 subdomain (lower case letters, digits, '-' and '.')`,
    );
  }
  return { namespace, name };
}

export function parseWorkload(kindWord: string, ref: string): WorkloadRef {
  const kind = WORKLOAD_KINDS[kindWord];
  if (!kind)
    throw new UserError(`unknown workload kind "${kindWord}": use one of ${Object.keys(WORKLOAD_KINDS).join(', ')}`);
  return { kind, ...parseObjRef(ref, kindWord) };
}

export function formatRef(r: ObjRef): string {
  return `${r.namespace}/${r.name}`;
}

/** A label or taint key: [prefix/]name, prefix a DNS subdomain ≤ 253, name ≤ 63 characters. */
export function checkQualifiedName(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `the prefix "${prefix ?? ''}" must be a lowercase DNS subdomain`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return `the name part "${name}" must be 1-63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

function checkLabelValue(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return `the value "${value}" must be at most 63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or empty)`;
  }
  return undefined;
}

/** `key=value:Effect` or `key:Effect` (empty value), as `kubectl taint` writes them. */
export function parseTaint(text: string): Taint {
  const shape = 'expected key=value:Effect or key:Effect with Effect one of NoSchedule, PreferNoSchedule, NoExecute';
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new UserError(`invalid taint "${text}": ${shape}`);
  const effect = text.slice(colon + 1);
  const kv = text.slice(0, colon);
  if (!TAINT_EFFECTS.includes(effect as TaintEffect))
    throw new UserError(`invalid taint "${text}": unknown effect "${effect}"; ${shape}`);
  const eq = kv.indexOf('=');
  const key = eq >= 0 ? kv.slice(0, eq) : kv;
  const value = eq >= 0 ? kv.slice(eq + 1) : '';
  const problem = checkQualifiedName(key) ?? checkLabelValue(value);
  if (problem) throw new UserError(`invalid taint "${text}": ${problem}; ${shape}`);
  return value ? { key, value, effect: effect as TaintEffect } : { key, effect: effect as TaintEffect };
}

/** A comma-separated list of taints (an empty cell means none). */
export function parseTaints(text: string): Taint[] {
  return splitList(text).map(parseTaint);
}

/** `key=value` (the value may be empty: `node-role.kubernetes.io/control-plane=`). */
export function parseLabel(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq < 0)
    throw new UserError(
      `invalid label "${text}": expected key=value (the value may be empty, as in node-role.kubernetes.io/control-plane=)`,
    );
  const key = text.slice(0, eq),
    value = text.slice(eq + 1);
  const problem = checkQualifiedName(key) ?? checkLabelValue(value);
  if (problem) throw new UserError(`invalid label "${text}": ${problem}`);
  return [key, value];
}

/** A comma-separated list of labels `a=b,c=d` (an empty cell means none). */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of splitList(text)) {
    const [k, v] = parseLabel(item);
    if (k in out) throw new UserError(`invalid labels "${text}": the key "${k}" appears twice`);
    out[k] = v;
  }
  return out;
}

/** A label selector as `kubectl get -l` takes it: `app=web,tier!=db`, `env in (a,b)`, `!legacy`. */
export function parseSelector(text: string): LabelSelector {
  try {
    return parseSelectorString(text);
  } catch (e) {
    throw new UserError(
      `invalid label selector "${text}": ${(e as Error).message}; expected e.g. app=web, app!=web, app in (a,b), app, !app (comma-separated)`,
    );
  }
}

/** A resource quantity such as 500m, 2, 1.5, 128Mi, 4Gi. */
export function parseQuantityText(text: string): string {
  if (!isQuantity(text))
    throw new UserError(`invalid quantity "${text}": expected a Kubernetes quantity such as 500m, 2, 128Mi or 4Gi`);
  return text;
}

export function parseBool(text: string, what: string): boolean {
  const t = text.trim();
  if (t === '' || t === 'false' || t === 'no') return false;
  if (t === 'true' || t === 'yes') return true;
  throw new UserError(`invalid ${what} "${text}": expected true or false (or an empty cell)`);
}

export function parsePhase(text: string): PodPhase {
  if (!(POD_PHASES as readonly string[]).includes(text))
    throw new UserError(`invalid pod phase "${text}": expected one of ${POD_PHASES.join(', ')}`);
  return text as PodPhase;
}

/** `a`, `a, b`, `a or b`, `a, b or c`, `a and b`: "and" means every listed node must be used. */
export function parseNodeList(text: string): NodeList {
  const tokens = text.split(/\s*,\s*|\s+(or|and)\s+/);
  const names: string[] = [];
  const words = new Set<string>();
  tokens.forEach((t, i) => {
    if (t === undefined) return;
    if (i % 2 === 1)
      words.add(t); // the captured "or"/"and"
    else names.push(parseNodeName(t));
  });
  if (words.has('or') && words.has('and'))
    throw new UserError(`invalid node list "${text}": use either "or" (any of them) or "and" (each of them), not both`);
  if (new Set(names).size !== names.length) throw new UserError(`invalid node list "${text}": a node is named twice`);
  return { names, every: words.has('and') };
}

export function formatNodeList(list: NodeList): string {
  if (list.names.length === 1) return list.names[0];
  return `${list.names.slice(0, -1).join(', ')} ${list.every ? 'and' : 'or'} ${list.names[list.names.length - 1]}`;
}

function splitList(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(',').map((s) => s.trim());
}

/** One row of `Given a cluster with nodes:` (its cells by column); `n` counts rows from 1. */
export function parseNodeRow(row: Record<string, string>, n: number): NodeSpecInput {
  const at = (col: string) => (row[col] ?? '').trim();
  try {
    const name = parseNodeName(row.name);
    return {
      name,
      labels: parseLabels(at('labels')),
      taints: parseTaints(at('taints')),
      ...(at('cpu') ? { cpu: parseQuantityText(at('cpu')) } : {}),
      ...(at('memory') ? { memory: parseQuantityText(at('memory')) } : {}),
      ...(at('pods') ? { pods: parsePodCount(at('pods')) } : {}),
      unschedulable: parseBool(at('unschedulable'), `unschedulable value for node ${name}`),
    };
  } catch (e) {
    // Name the row: in a table of many nodes the value alone does not say where it is.
    if (e instanceof UserError)
      throw new UserError(`nodes table, row ${n} (name ${JSON.stringify(at('name'))}): ${e.message}`);
    throw e;
  }
}

function parsePodCount(text: string): number {
  if (!/^\d+$/.test(text))
    throw new UserError(`invalid pods value "${text}": expected the number of pods the node allows, e.g. 110`);
  return Number(text);
}
