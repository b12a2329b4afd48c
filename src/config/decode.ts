// Reading a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1, kube-scheduler 1.33)
// from a file or text strictly: unknown fields are errors, worded as kube-scheduler's strict
// decoder words them; wrong kinds and versions name what kube-scheduler reads.

import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { collectionKey } from '../api/manifest.ts';
import { EXTENSION_POINTS } from '../scheduler/registry.ts';
import type { ProfileSpec } from '../scheduler/profile.ts';
import { UserError } from '../util/errors.ts';

export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';
export const CONFIG_KIND = 'KubeSchedulerConfiguration';

export type KubeSchedulerProfile = ProfileSpec;

export interface KubeSchedulerConfiguration {
  apiVersion: string;
  kind: string;
  percentageOfNodesToScore?: number;
  parallelism?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  profiles?: KubeSchedulerProfile[];
}

/** A configuration kube-scheduler would refuse; the message is what it would say. */
export class SchedulerConfigError extends UserError {
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`${source}: ${detail}`);
    this.name = 'SchedulerConfigError';
  }
}

type Shape = 'any' | 'number' | 'string' | 'bool' | { [field: string]: Shape } | [Shape];

const PLUGIN_REF: Shape = { name: 'string', weight: 'number' };
const PLUGIN_SET: Shape = { enabled: [PLUGIN_REF], disabled: [PLUGIN_REF] };
const PROFILE: Shape = {
  schedulerName: 'string',
  percentageOfNodesToScore: 'number',
  plugins: Object.fromEntries(EXTENSION_POINTS.map((p) => [p, PLUGIN_SET])) as Shape,
  pluginConfig: [{ name: 'string', args: 'any' }],
};
const CONFIG: Shape = {
  apiVersion: 'string',
  kind: 'string',
  parallelism: 'number',
  percentageOfNodesToScore: 'number',
  podInitialBackoffSeconds: 'number',
  podMaxBackoffSeconds: 'number',
  delayCacheUntilActive: 'bool',
  leaderElection: 'any',
  clientConnection: 'any',
  enableProfiling: 'bool',
  enableContentionProfiling: 'bool',
  healthzBindAddress: 'string',
  metricsBindAddress: 'string',
  extenders: 'any',
  profiles: [PROFILE],
};

/** Walks value against shape; returns the first unknown field (`profiles[0].plugin`) or wrong type. */
function strictCheck(value: unknown, shape: Shape, path: string): string | null {
  if (shape === 'any' || value === null || value === undefined) return null;
  const where = path || '.';
  if (shape === 'number')
    return typeof value === 'number' && Number.isInteger(value)
      ? null
      : `${where}: expected an integer, got ${JSON.stringify(value)}`;
  if (shape === 'string')
    return typeof value === 'string' ? null : `${where}: expected a string, got ${JSON.stringify(value)}`;
  if (shape === 'bool')
    return typeof value === 'boolean' ? null : `${where}: expected true or false, got ${JSON.stringify(value)}`;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${where}: expected a list, got ${JSON.stringify(value)}`;
    for (let i = 0; i < value.length; i++) {
      const e = strictCheck(value[i], shape[0], `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value))
    return `${where}: expected a mapping, got ${JSON.stringify(value)}`;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = path ? `${path}.${k}` : k;
    if (!(k in shape)) return `strict decoding error: unknown field "${sub}"`;
    const e = strictCheck(v, shape[k], sub);
    if (e) return e;
  }
  return null;
}

/** Parses and checks a KubeSchedulerConfiguration; `source` names it in errors (a file path). */
export function parseSchedulerConfig(text: string, source: string): KubeSchedulerConfiguration {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length)
    throw new SchedulerConfigError(source, `YAML syntax error: ${doc.errors[0].message.split('\n')[0]}`);
  const key = collectionKey(doc);
  if (key) throw new SchedulerConfigError(source, `YAML error: ${key.message}`);
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    throw new SchedulerConfigError(source, `YAML error: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SchedulerConfigError(
      source,
      `expected a KubeSchedulerConfiguration (apiVersion: ${CONFIG_API_VERSION}, kind: ${CONFIG_KIND})`,
    );
  }
  const obj = value as Record<string, unknown>;
  if (obj.kind !== CONFIG_KIND) {
    throw new SchedulerConfigError(
      source,
      `couldn't decode as KubeSchedulerConfiguration, got kind ${JSON.stringify(obj.kind ?? '')} — a scheduler configuration starts with apiVersion: ${CONFIG_API_VERSION} and kind: ${CONFIG_KIND}`,
    );
  }
  if (obj.apiVersion !== CONFIG_API_VERSION) {
    throw new SchedulerConfigError(
      source,
      `no kind "${CONFIG_KIND}" is registered for version "${String(obj.apiVersion ?? '')}" — kube-scheduler 1.33 reads apiVersion: ${CONFIG_API_VERSION}`,
    );
  }
  const err = strictCheck(obj, CONFIG, '');
  if (err) throw new SchedulerConfigError(source, err);
  return obj as unknown as KubeSchedulerConfiguration;
}

export function loadSchedulerConfigFile(path: string): KubeSchedulerConfiguration {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`the path "${path}" does not exist`);
  }
  return parseSchedulerConfig(text, path);
}
