// Isolation on a real cluster, as chainsaw isolates its tests: every scenario runs in a namespace
// of its own, named after the scenario (a DNS-1123 label, as kube-apiserver validates namespace
// names: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsDNS1123Label) and
// labelled with the run's id, so that whatever a run leaves behind can be found and deleted with
// `kubectl delete namespace -l kube-scenarios.io/run=<id>`.

import { createHash, randomBytes } from 'node:crypto';

/** The label every namespace a run creates carries; its value is the run's id. */
export const RUN_LABEL = 'kube-scenarios.io/run';
/** Namespace names are DNS-1123 labels: at most 63 characters. */
export const MAX_NAMESPACE_LENGTH = 63;
const PREFIX = 'ks-';

/** A run's id: the time (base 36) and 4 random characters, all lowercase alphanumerics (a valid label value). */
export function newRunId(now = Date.now(), random = randomBytes(4)): string {
  return `${now.toString(36)}${random.toString('hex').slice(0, 4)}`;
}

/**
 * `ks-<scenario name as a DNS-1123 label>-<6 hex of a hash of run id, scenario id>`: readable in
 * `kubectl get ns`, unique per scenario and run, at most 63 characters. Non-ASCII names (the Korean
 * scenarios) keep only the hash.
 */
export function scenarioNamespace(scenarioName: string, runId: string, scenarioId: string): string {
  const hash = createHash('sha256').update(`${runId}\0${scenarioId}`).digest('hex').slice(0, 6);
  const room = MAX_NAMESPACE_LENGTH - PREFIX.length - 1 - hash.length;
  const slug = scenarioName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, room)
    .replace(/^-+|-+$/g, '');
  return `${PREFIX}${slug ? `${slug}-` : ''}${hash}`;
}

/**
 * kubectl's output with the scenario's namespace written as `default`, the name the scenario text
 * gives it (drain's `default/db`, `Namespace:` of describe, `-n default` echoes): the scenario
 * compares what kubectl printed, and which namespace it ran in is the backend's choice. Only the
 * whole name is replaced; a table's column widths stay those of the longer name.
 */
export function asScenarioNamespace(text: string, namespace: string): string {
  if (!namespace || !text.includes(namespace)) return text;
  const name = namespace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![a-z0-9-])${name}(?![a-z0-9-])`, 'g'), 'default');
}
