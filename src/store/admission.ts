// Mutating admission plugins enabled by default that change scheduling inputs (plugin/pkg/admission):
// Priority (priorityClassName → spec.priority, global default class, system classes),
// DefaultTolerationSeconds (not-ready / unreachable NoExecute tolerations for 300 s) and
// ServiceAccount (the pod's ServiceAccount must exist; its token volume). NamespaceLifecycle is
// in namespaces.ts.

import type { KubeObject, Pod, PodAffinityTerm, PriorityClass, ServiceAccount, Toleration } from '../api/types.ts';
import { admissionForbidden } from './errors.ts';
import type { ObjectStore } from './store.ts';

/**
 * What ServiceAccount admission waits for: kube-controller-manager's ServiceAccount controller,
 * which creates a namespace's `default` ServiceAccount (src/controllers/serviceaccounts.ts).
 */
export interface DefaultServiceAccounts {
  /** Creates the namespace's `default` ServiceAccount if the controller would (an active namespace). */
  ensureDefault(namespace: string): void;
}

export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export function admit(obj: KubeObject, store: ObjectStore, serviceAccounts?: DefaultServiceAccounts): void {
  if (obj.kind === 'Pod') {
    admitPriority(obj as Pod, store);
    admitDefaultTolerationSeconds(obj as Pod);
    applyMatchLabelKeys(obj as Pod);
    admitServiceAccount(obj as Pod, store, serviceAccounts);
  }
}

/**
 * Admission on UPDATE: DefaultTolerationSeconds handles updates too, so a full replacement
 * without the not-ready/unreachable tolerations (the second `kubectl apply` of a pod that lists
 * its own tolerations) gets them back instead of failing "existing toleration can not be modified".
 */
export function admitUpdate(obj: KubeObject): void {
  if (obj.kind === 'Pod' && (obj as Pod).spec) admitDefaultTolerationSeconds(obj as Pod);
}

function admitPriority(pod: Pod, store: ObjectStore): void {
  const name = pod.spec.priorityClassName;
  if (name) {
    const pc = store.get<PriorityClass>('PriorityClass', undefined, name);
    const value = pc?.value ?? SYSTEM_PRIORITY_CLASSES[name];
    if (value === undefined) {
      throw admissionForbidden(pod, `no PriorityClass with name ${name} was found`);
    }
    pod.spec.priority = value;
    pod.spec.preemptionPolicy = pod.spec.preemptionPolicy ?? pc?.preemptionPolicy ?? 'PreemptLowerPriority';
    return;
  }
  const def = store.list<PriorityClass>('PriorityClass').find((p) => p.globalDefault);
  if (def) {
    pod.spec.priorityClassName = def.metadata.name;
    pod.spec.priority = def.value;
    pod.spec.preemptionPolicy = pod.spec.preemptionPolicy ?? def.preemptionPolicy ?? 'PreemptLowerPriority';
  } else {
    pod.spec.priority = pod.spec.priority ?? 0;
    pod.spec.preemptionPolicy = pod.spec.preemptionPolicy ?? 'PreemptLowerPriority';
  }
}

function admitDefaultTolerationSeconds(pod: Pod): void {
  const tolerations = pod.spec.tolerations ?? [];
  const has = (key: string) =>
    tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Toleration[] = [];
  if (!has('node.kubernetes.io/not-ready'))
    add.push({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!has('node.kubernetes.io/unreachable'))
    add.push({
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    });
  if (add.length) pod.spec.tolerations = [...tolerations, ...add];
}

/**
 * Pod strategy (MatchLabelKeysInPodAffinity, beta and on in 1.33): for each pod (anti-)affinity
 * term with a labelSelector, every matchLabelKeys key the pod carries becomes `key In [value]`
 * and every mismatchLabelKeys key `key NotIn [value]` in the term's labelSelector.
 */
function applyMatchLabelKeys(pod: Pod): void {
  const labels = pod.metadata.labels ?? {};
  const apply = (t: PodAffinityTerm) => {
    if (!t || typeof t !== 'object' || !t.labelSelector) return;
    const extra = [
      ...(t.matchLabelKeys ?? [])
        .filter((k) => k in labels)
        .map((k) => ({ key: k, operator: 'In' as const, values: [labels[k]] })),
      ...(t.mismatchLabelKeys ?? [])
        .filter((k) => k in labels)
        .map((k) => ({ key: k, operator: 'NotIn' as const, values: [labels[k]] })),
    ];
    if (extra.length)
      t.labelSelector = {
        ...t.labelSelector,
        matchExpressions: [...(t.labelSelector.matchExpressions ?? []), ...extra],
      };
  };
  for (const a of [pod.spec?.affinity?.podAffinity, pod.spec?.affinity?.podAntiAffinity]) {
    if (!a) continue;
    for (const t of a.requiredDuringSchedulingIgnoredDuringExecution ?? []) apply(t);
    for (const w of a.preferredDuringSchedulingIgnoredDuringExecution ?? []) apply(w?.podAffinityTerm);
  }
}

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The ServiceAccount a pod without serviceAccountName gets (DefaultServiceAccountName). */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/**
 * ServiceAccount admission (plugin/pkg/admission/serviceaccount/admission.go): serviceAccountName
 * defaults to "default"; the ServiceAccount must exist — a missing one is refused
 * (`error looking up service account ns/x: serviceaccount "x" not found`) after one more lookup, or
 * for `default` after ten over a second or two, during which kube-controller-manager creates it
 * (`serviceAccounts.ensureDefault`). Unless automounting is off (the pod's
 * automountServiceAccountToken, else the ServiceAccount's), a projected `kube-api-access-<5>`
 * volume (token, kube-root-ca.crt, namespace) is mounted read-only at
 * /var/run/secrets/kubernetes.io/serviceaccount in every container; a pod without
 * imagePullSecrets gets the ServiceAccount's. Mirror pods are left alone (static pods cannot use
 * service accounts).
 */
function admitServiceAccount(pod: Pod, store: ObjectStore, serviceAccounts?: DefaultServiceAccounts): void {
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  if (!pod.spec || !Array.isArray(pod.spec.containers)) return;
  pod.spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT;
  pod.spec.serviceAccount = pod.spec.serviceAccountName;
  const namespace = pod.metadata.namespace ?? 'default';
  const saName = pod.spec.serviceAccountName;
  let sa = store.get<ServiceAccount>('ServiceAccount', namespace, saName);
  if (!sa && saName === DEFAULT_SERVICE_ACCOUNT && serviceAccounts) {
    serviceAccounts.ensureDefault(namespace);
    sa = store.get<ServiceAccount>('ServiceAccount', namespace, saName);
  }
  if (!sa)
    throw admissionForbidden(
      pod,
      `error looking up service account ${namespace}/${saName}: serviceaccount "${saName}" not found`,
    );
  if (!pod.spec.imagePullSecrets?.length && sa.imagePullSecrets?.length)
    pod.spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  // shouldAutomount: the pod's preference wins, then the ServiceAccount's
  if ((pod.spec.automountServiceAccountToken ?? sa.automountServiceAccountToken) === false) return;
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  if (containers.some((c) => c?.volumeMounts?.some((m) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH))) return;
  const name = `kube-api-access-${store.randomSuffix(5)}`;
  pod.spec.volumes = [
    ...(pod.spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          {
            downwardAPI: {
              items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
            },
          },
        ],
      },
    },
  ];
  for (const c of containers) {
    if (c && typeof c === 'object')
      c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
  }
}
