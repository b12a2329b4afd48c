// The `kubectl get` table printers (pkg/printers/internalversion/printers.go): the columns and
// cells for pods (printPod: STATUS/READY/RESTARTS), nodes (printNode: STATUS,
// ROLES; pkg/printers/internalversion/printers.go), deployments, replicasets, daemonsets, statefulsets, jobs, services,
// events, namespaces, configmaps, secrets, serviceaccounts, replicationcontrollers,
// priorityclasses and poddisruptionbudgets, with their `-o wide` columns. Also the name printer (`pod/x created`).

import type {
  ContainerStatus,
  CoreEvent,
  DaemonSet,
  Deployment,
  Job,
  KubeObject,
  LabelSelector,
  Node,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../api/types.ts';
import { kindInfo, qualifiedName } from '../api/kinds.ts';
import type { VirtualClock } from '../util/clock.ts';
import { humanDuration, since } from './duration.ts';
import { toGoYaml } from './goyaml.ts';

export interface PrintOptions {
  wide: boolean;
  clock: VirtualClock;
}

export interface TableDef {
  columns: string[];
  wideColumns: string[];
  row: (obj: KubeObject, o: PrintOptions) => string[];
  wideRow: (obj: KubeObject, o: PrintOptions) => string[];
}

/** `pod/nginx`, `deployment.apps/web`: the name printer's resource prefix. */
export function resourcePrefix(kind: string): string {
  const info = kindInfo(kind);
  return info ? qualifiedName(info) : kind.toLowerCase();
}

/** `<kind>[.<group>]/<name> <verb>` — cli-runtime NamePrinter with an operation. */
export function nameLine(obj: KubeObject, operation?: string): string {
  const base = `${resourcePrefix(obj.kind)}/${obj.metadata.name}`;
  return operation ? `${base} ${operation}` : base;
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` for an empty selector. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return '<none>';
  // LabelSelectorAsSelector adds the requirements to an internalSelector, which sorts them by key.
  const parts: [string, string][] = [];
  for (const k of Object.keys(sel.matchLabels ?? {})) parts.push([k, `${k}=${sel.matchLabels![k]}`]);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    switch (e.operator) {
      case 'In':
        parts.push([e.key, `${e.key} in (${values})`]);
        break;
      case 'NotIn':
        parts.push([e.key, `${e.key} notin (${values})`]);
        break;
      case 'Exists':
        parts.push([e.key, e.key]);
        break;
      case 'DoesNotExist':
        parts.push([e.key, `!${e.key}`]);
        break;
    }
  }
  const s = parts
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => text)
    .join(',');
  return s === '' ? '<none>' : s;
}

// ---- pods ------------------------------------------------------------------------------

const maxTime = (a: string | undefined, b: string | undefined): string | undefined => {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
};

const isSidecarStatus = (pod: Pod, name: string): boolean =>
  (pod.spec.initContainers ?? []).some((c) => c.name === name && c.restartPolicy === 'Always');

const hasCondition = (pod: Pod, type: string, status = 'True'): boolean =>
  (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === status);

export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

/** printPod's READY, STATUS and RESTARTS cells (pkg/printers/internalversion/printers.go). */
export function podCells(pod: Pod, clock: Pick<VirtualClock, 'now'>): PodCells {
  const status = pod.status ?? {};
  let reason: string = status.reason || status.phase || '';
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';
  const initSpecs = pod.spec.initContainers ?? [];
  const sidecars = initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  const total = (pod.spec.containers ?? []).length + sidecars;
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  let sideRestarts = 0;
  let sideLast: string | undefined;
  let initializing = false;

  const initStatuses = orderedBySpec(
    status.initContainerStatuses ?? [],
    initSpecs.map((c) => c.name),
  );
  for (let i = 0; i < initStatuses.length; i++) {
    const ic = initStatuses[i];
    const finished = ic.lastState?.terminated?.finishedAt;
    restarts += ic.restartCount ?? 0;
    lastRestart = maxTime(lastRestart, finished);
    const sidecar = isSidecarStatus(pod, ic.name);
    if (sidecar) {
      sideRestarts += ic.restartCount ?? 0;
      sideLast = maxTime(sideLast, finished);
    }
    const t = ic.state?.terminated;
    const w = ic.state?.waiting;
    if (t && t.exitCode === 0) continue;
    if (sidecar && ic.started) {
      if (ic.ready) ready++;
      continue;
    }
    if (t) {
      if (t.reason) reason = `Init:${t.reason}`;
      else if (t.signal) reason = `Init:Signal:${t.signal}`;
      else reason = `Init:ExitCode:${t.exitCode}`;
    } else if (w?.reason && w.reason !== 'PodInitializing') {
      reason = `Init:${w.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(pod, 'Initialized')) {
    restarts = sideRestarts;
    lastRestart = sideLast;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      lastRestart = maxTime(lastRestart, c.lastState?.terminated?.finishedAt);
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      if (w?.reason) reason = w.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed')
    reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts > 0 && lastRestart) restartsText = `${restarts} (${since(clock, lastRestart)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}

function orderedBySpec(statuses: ContainerStatus[], names: string[]): ContainerStatus[] {
  return [...statuses].sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
}

function readinessGates(pod: Pod): string {
  const gates = (pod.spec.readinessGates as { conditionType: string }[] | undefined) ?? [];
  if (gates.length === 0) return '<none>';
  const ok = gates.filter((g) => hasCondition(pod, g.conditionType)).length;
  return `${ok}/${gates.length}`;
}

const podTable: TableDef = {
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row: (obj, o) => {
    const pod = obj as Pod;
    const c = podCells(pod, o.clock);
    return [pod.metadata.name!, c.ready, c.status, c.restarts, since(o.clock, pod.metadata.creationTimestamp)];
  },
  wideRow: (obj) => {
    const pod = obj as Pod;
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    return [ip, pod.spec.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates(pod)];
  },
};

// ---- nodes -----------------------------------------------------------------------------

/** printNode's STATUS: Ready / NotReady / Unknown, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys plus a `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

const nodeAddress = (node: Node, type: string): string =>
  (node.status?.addresses ?? []).find((a) => a.type === type)?.address || '<none>';

const nodeTable: TableDef = {
  columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideColumns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row: (obj, o) => {
    const node = obj as Node;
    const roles = nodeRoles(node);
    return [
      node.metadata.name!,
      nodeStatus(node),
      roles.length ? roles.join(',') : '<none>',
      since(o.clock, node.metadata.creationTimestamp),
      node.status?.nodeInfo?.kubeletVersion ?? '',
    ];
  },
  wideRow: (obj) => {
    const node = obj as Node;
    const info = node.status?.nodeInfo ?? {};
    return [
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

// ---- workloads -------------------------------------------------------------------------

type Templated = Deployment | ReplicaSet | DaemonSet | StatefulSet | Job;
const containersAndImages = (obj: Templated): string[] => {
  const cs = obj.spec.template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
};
const workloadWide = (obj: KubeObject): string[] => [
  ...containersAndImages(obj as Templated),
  formatLabelSelector((obj as Templated).spec.selector),
];

const deploymentTable: TableDef = {
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (obj, o) => {
    const d = obj as Deployment;
    const st = d.status ?? {};
    return [
      d.metadata.name!,
      `${st.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
      String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0),
      since(o.clock, d.metadata.creationTimestamp),
    ];
  },
  wideRow: workloadWide,
};

const replicaSetTable: TableDef = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (obj, o) => {
    const rs = obj as ReplicaSet;
    const st = rs.status ?? {};
    return [
      rs.metadata.name!,
      String(rs.spec.replicas ?? 1),
      String(st.replicas ?? 0),
      String(st.readyReplicas ?? 0),
      since(o.clock, rs.metadata.creationTimestamp),
    ];
  },
  wideRow: workloadWide,
};

const daemonSetTable: TableDef = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (obj, o) => {
    const ds = obj as DaemonSet;
    const st = ds.status ?? {};
    return [
      ds.metadata.name!,
      String(st.desiredNumberScheduled ?? 0),
      String(st.currentNumberScheduled ?? 0),
      String(st.numberReady ?? 0),
      String(st.updatedNumberScheduled ?? 0),
      String(st.numberAvailable ?? 0),
      formatLabels(ds.spec.template?.spec?.nodeSelector),
      since(o.clock, ds.metadata.creationTimestamp),
    ];
  },
  wideRow: workloadWide,
};

/** printStatefulSet: READY = `status.readyReplicas/spec.replicas`; `-o wide` has no SELECTOR. */
const statefulSetTable: TableDef = {
  columns: ['NAME', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES'],
  row: (obj, o) => {
    const sts = obj as StatefulSet & { status?: { readyReplicas?: number } };
    return [
      sts.metadata.name!,
      `${sts.status?.readyReplicas ?? 0}/${sts.spec.replicas ?? 1}`,
      since(o.clock, sts.metadata.creationTimestamp),
    ];
  },
  wideRow: (obj) => containersAndImages(obj as StatefulSet),
};

/** hasJobCondition: the first condition of that type decides, and it must be True. */
const jobCondition = (job: Job, type: string): boolean =>
  (job.status?.conditions ?? []).find((c) => c.type === type)?.status === 'True';

/** printJob's STATUS: Complete, Failed, Terminating, Suspended, FailureTarget, else Running (in that order). */
export function jobStatus(job: Job): string {
  if (jobCondition(job, 'Complete')) return 'Complete';
  if (jobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (jobCondition(job, 'Suspended')) return 'Suspended';
  if (jobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** printJob's COMPLETIONS: `succeeded/completions`; without completions `succeeded/1`, plus ` of <parallelism>` when parallelism > 1. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined && job.spec.completions !== null)
    return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION: empty before startTime; HumanDuration(completionTime − startTime), or (now − startTime) while unfinished. */
export function jobDuration(job: Job, clock: VirtualClock): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : clock.now();
  return humanDuration(end - Date.parse(start));
}

const jobTable: TableDef = {
  columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (obj, o) => {
    const job = obj as Job;
    return [
      job.metadata.name!,
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, o.clock),
      since(o.clock, job.metadata.creationTimestamp),
    ];
  },
  wideRow: workloadWide,
};

// ---- services, events, namespaces --------------------------------------------------------

function servicePorts(svc: Service): string {
  const ports = svc.spec.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

function serviceExternalIP(svc: Service): string {
  const type = svc.spec.type ?? 'ClusterIP';
  const externalIPs = (svc.spec.externalIPs as string[] | undefined) ?? [];
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = (
        (svc.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer
          ?.ingress ?? []
      )
        .map((i) => i.ip || i.hostname || '')
        .filter((s) => s);
      const all = [...ingress, ...externalIPs];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return String(svc.spec.externalName ?? '');
    default:
      return '<unknown>';
  }
}

const serviceTable: TableDef = {
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideColumns: ['SELECTOR'],
  row: (obj, o) => {
    const svc = obj as Service;
    const clusterIP = svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '<none>';
    return [
      svc.metadata.name!,
      svc.spec.type ?? 'ClusterIP',
      clusterIP || '<none>',
      serviceExternalIP(svc),
      servicePorts(svc),
      since(o.clock, svc.metadata.creationTimestamp),
    ];
  },
  wideRow: (obj) => [formatLabels((obj as Service).spec.selector)],
};

const eventTarget = (e: CoreEvent): string =>
  e.involvedObject.name
    ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`
    : e.involvedObject.kind.toLowerCase();

const eventTable: TableDef = {
  columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideColumns: [],
  row: (obj, o) => {
    const e = obj as CoreEvent;
    const first = since(o.clock, e.firstTimestamp);
    const last = e.lastTimestamp ? since(o.clock, e.lastTimestamp) : first;
    return [last, e.type, e.reason, eventTarget(e), e.message.trim()];
  },
  wideRow: () => [],
};

/** The event table's wide layout interleaves columns, so it has its own full row. */
const eventWideColumns = [
  'LAST SEEN',
  'TYPE',
  'REASON',
  'OBJECT',
  'SUBOBJECT',
  'SOURCE',
  'MESSAGE',
  'FIRST SEEN',
  'COUNT',
  'NAME',
];
function eventWideRow(e: CoreEvent, o: PrintOptions): string[] {
  const first = since(o.clock, e.firstTimestamp);
  const last = e.lastTimestamp ? since(o.clock, e.lastTimestamp) : first;
  const src = e.source?.component
    ? e.source.host
      ? `${e.source.component}, ${e.source.host}`
      : e.source.component
    : (e.reportingComponent ?? '');
  return [
    last,
    e.type,
    e.reason,
    eventTarget(e),
    e.involvedObject.fieldPath ?? '',
    src,
    e.message.trim(),
    first,
    String(e.count ?? 1),
    e.metadata.name!,
  ];
}

const namespaceTable: TableDef = {
  columns: ['NAME', 'STATUS', 'AGE'],
  wideColumns: [],
  row: (obj, o) => [
    obj.metadata.name!,
    String((obj.status as { phase?: string } | undefined)?.phase ?? ''),
    since(o.clock, obj.metadata.creationTimestamp),
  ],
  wideRow: () => [],
};

// ---- configuration, accounts, legacy controllers, priority classes ---------------------

// biome-ignore lint/suspicious/noExplicitAny: the fields these printers read, of objects typed loosely
type Obj = Record<string, any>;
const count = (m: unknown): string => String(m && typeof m === 'object' ? Object.keys(m).length : 0);
const ageOf = (obj: KubeObject, o: PrintOptions) => since(o.clock, obj.metadata.creationTimestamp);

/** printConfigMap: DATA counts data and binaryData keys. */
const configMapTable: TableDef = {
  columns: ['NAME', 'DATA', 'AGE'],
  wideColumns: [],
  row: (obj, o) => [
    obj.metadata.name!,
    String(Number(count((obj as Obj).data)) + Number(count((obj as Obj).binaryData))),
    ageOf(obj, o),
  ],
  wideRow: () => [],
};

/** printSecret: TYPE, DATA (the data keys). */
const secretTable: TableDef = {
  columns: ['NAME', 'TYPE', 'DATA', 'AGE'],
  wideColumns: [],
  row: (obj, o) => [obj.metadata.name!, String((obj as Obj).type ?? ''), count((obj as Obj).data), ageOf(obj, o)],
  wideRow: () => [],
};

/** printServiceAccount: SECRETS counts the secrets list. */
const serviceAccountTable: TableDef = {
  columns: ['NAME', 'SECRETS', 'AGE'],
  wideColumns: [],
  row: (obj, o) => [obj.metadata.name!, String(((obj as Obj).secrets ?? []).length), ageOf(obj, o)],
  wideRow: () => [],
};

/** printReplicationController: as a ReplicaSet's, the selector a plain label map. */
const replicationControllerTable: TableDef = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (obj, o) => {
    const rc = obj as Obj;
    return [
      obj.metadata.name!,
      String(rc.spec?.replicas ?? 1),
      String(rc.status?.replicas ?? 0),
      String(rc.status?.readyReplicas ?? 0),
      ageOf(obj, o),
    ];
  },
  wideRow: (obj) => [...containersAndImages(obj as Templated), formatLabels((obj as Obj).spec?.selector)],
};

/** printPriorityClass: VALUE, GLOBAL-DEFAULT, AGE, then PREEMPTIONPOLICY. */
const priorityClassTable: TableDef = {
  columns: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  wideColumns: [],
  row: (obj, o) => {
    const pc = obj as Obj;
    return [
      obj.metadata.name!,
      String(pc.value ?? 0),
      String(pc.globalDefault === true),
      ageOf(obj, o),
      String(pc.preemptionPolicy ?? ''),
    ];
  },
  wideRow: () => [],
};

/** printPodDisruptionBudget: MIN AVAILABLE and MAX UNAVAILABLE as set (else N/A), ALLOWED DISRUPTIONS of the status. */
const podDisruptionBudgetTable: TableDef = {
  columns: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  wideColumns: [],
  row: (obj, o) => {
    const pdb = obj as Obj;
    return [
      obj.metadata.name!,
      pdb.spec?.minAvailable !== undefined ? String(pdb.spec.minAvailable) : 'N/A',
      pdb.spec?.maxUnavailable !== undefined ? String(pdb.spec.maxUnavailable) : 'N/A',
      String(pdb.status?.disruptionsAllowed ?? 0),
      ageOf(obj, o),
    ];
  },
  wideRow: () => [],
};

/**
 * printControllerRevision: CONTROLLER is the controller reference as formatResourceName writes it
 * with its kind (`statefulset.apps/db`; `<none>` without one), REVISION the revision number.
 */
const controllerRevisionTable: TableDef = {
  columns: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  wideColumns: [],
  row: (obj, o) => {
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
    const group = ref?.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
    const controller = ref ? `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}` : '<none>';
    return [obj.metadata.name!, controller, String((obj as Obj).revision ?? 0), ageOf(obj, o)];
  },
  wideRow: () => [],
};

const TABLES: Record<string, TableDef> = {
  Pod: podTable,
  Node: nodeTable,
  Deployment: deploymentTable,
  ReplicaSet: replicaSetTable,
  DaemonSet: daemonSetTable,
  StatefulSet: statefulSetTable,
  ControllerRevision: controllerRevisionTable,
  Job: jobTable,
  Service: serviceTable,
  Event: eventTable,
  Namespace: namespaceTable,
  ConfigMap: configMapTable,
  Secret: secretTable,
  ServiceAccount: serviceAccountTable,
  ReplicationController: replicationControllerTable,
  PriorityClass: priorityClassTable,
  PodDisruptionBudget: podDisruptionBudgetTable,
};

export function hasTable(kind: string): boolean {
  return kind in TABLES;
}

export interface TableRequest {
  wide: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  clock: VirtualClock;
}

/** Header row plus one row per object, ready for the tabwriter. */
export function buildTable(kind: string, objs: KubeObject[], req: TableRequest): string[][] {
  const def = TABLES[kind];
  if (!def) throw new Error(`no table printer for ${kind}`);
  const o: PrintOptions = { wide: req.wide, clock: req.clock };
  const wideEvents = kind === 'Event' && req.wide;
  let header = wideEvents ? eventWideColumns : req.wide ? [...def.columns, ...def.wideColumns] : def.columns;
  if (req.withNamespace) header = ['NAMESPACE', ...header];
  if (req.showLabels) header = [...header, 'LABELS'];
  const rows = objs.map((obj) => {
    let cells = wideEvents
      ? eventWideRow(obj as CoreEvent, o)
      : req.wide
        ? [...def.row(obj, o), ...def.wideRow(obj, o)]
        : def.row(obj, o);
    if (req.withNamespace) cells = [obj.metadata.namespace ?? '', ...cells];
    if (req.showLabels) cells = [...cells, formatLabels(obj.metadata.labels)];
    return cells;
  });
  return [header, ...rows];
}

// ---- -o yaml / -o json ---------------------------------------------------------------------

/** The object as `-o yaml` prints it (sigs.k8s.io/yaml: JSON → go-yaml v2, see goyaml.ts). */
export function toYaml(obj: unknown): string {
  return toGoYaml(obj);
}

export { toJson } from './gojson.ts';

/** The List wrapper kubectl prints around several objects. */
export function asList(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
