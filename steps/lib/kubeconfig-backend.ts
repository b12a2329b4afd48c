// The kubeconfig backend: the step definitions against a real cluster (kind, k3s, EKS, …, or
// `kube-scenarios serve`), chosen with the world parameter `cluster: "kubeconfig"` (the cucumber
// profile `real`). The cluster is the one kubectl would use: KUBECONFIG (or ~/.kube/config) and its
// current context, or the world parameter `context`.
// - Isolation: each scenario runs in a namespace of its own (src/backends/namespace.ts); `default`
//   in the scenario text means it. Cluster-scoped changes are recorded before the scenario and undone
//   after it, failed or not (src/backends/cleanup.ts); the namespace is deleted.
// - kubectl: the real `kubectl` on PATH in the scenario's namespace, in a directory holding the
//   scenario's files and the fixtures; destructive commands need `allowDestructive`.
// - Assertions: read from snapshots of the API (src/backends/snapshot.ts), polled until they hold
//   or the step's timeout (world parameter `timeoutSeconds`, default 60 s, or the step's own
//   `within` span when longer) runs out; the failure shows the last state seen. The "why" of a
//   placement comes from the pods' FailedScheduling events.
// - Given-states: the lab cluster needs the lab's nodes; nodes of a table are created through the
//   API only with `createNodes` (kube-scenarios serve), and only on a cluster without other nodes.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import type { CoreEvent, KubeObject, Namespace, Node, Pod, PriorityClass } from '../../src/api/types.ts';
import { loadLab, type NodeSpecInput } from '../../src/cluster/bootstrap.ts';
import { KINDS } from '../../src/api/kinds.ts';
import { ANNOTATION_PREFIX } from '../../src/kubelet/behaviour.ts';
import { nodeDifferences, nodeObject, nodeStatus } from '../../src/backends/nodes.ts';
import { LAB_DIR } from '../../src/cluster/lab.ts';
import { shellSplit } from '../../src/kubectl/flags.ts';
import {
  ApiClient,
  ApiRequestError,
  type KubeConfigLike,
  MERGE_PATCH,
  resourcePath,
} from '../../src/backends/client.ts';
import { type ClusterScopedState, metaRecord, nodeRecord, restorePlan } from '../../src/backends/cleanup.ts';
import {
  destructiveReason,
  filenameArgs,
  namespacedArgs,
  runProcess,
  scenarioKubeconfig,
  streamingReason,
} from '../../src/backends/kubectl.ts';
import { asScenarioNamespace, newRunId, RUN_LABEL, scenarioNamespace } from '../../src/backends/namespace.ts';
import { pollUntil } from '../../src/backends/poll.ts';
import { SnapshotStore } from '../../src/backends/snapshot.ts';
import { unsettled } from '../../src/backends/settle.ts';
import { type PodHistory, PodRecord } from '../../src/backends/podrecord.ts';
import { UserError } from '../../src/util/errors.ts';
import type { KubeWorld } from '../world.ts';
import { FIXTURES_DIR } from './paths.ts';
import { AssertionError } from './assertion.ts';
import type { Backend, BarePod, ClusterView, ExpectOptions, ViewScope } from './backend.ts';
import { ScenarioSkipped } from './portability.ts';
import { barePod } from './simulator-backend.ts';

/** How long a Then-step polls by default (world parameter timeoutSeconds). */
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** The longest a kubectl command may run (rollout status and drain wait for the cluster without a --timeout). */
const KUBECTL_TIMEOUT_MS = 600_000;
/** How often it polls: the first pause is short and doubles up to POLL_INTERVAL_MS. */
export const POLL_INTERVAL_MS = 1000;
const FIRST_POLL_INTERVAL_MS = 100;
/** The longest a kubectl command waits for the scenario's namespace to settle (src/backends/settle.ts). */
const SETTLE_MAX_MS = 20_000;
/** Kinds a workload's pods are found through (Pod → ReplicaSet → Deployment, …). */
const WORKLOAD_KINDS = ['Pod', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job'];
/** The scenario's kubeconfig in its files directory (hidden: `kubectl apply -f .` should not read it). */
const KUBECONFIG_FILE = '.kube-scenarios-kubeconfig';
/** Pods a "why" from events shows; the rest are counted. */
const MAX_WHY_PODS = 3;

/** The connection all scenarios of a run share: the kubeconfig, the API client, the run's id. */
export interface Connection {
  client: ApiClient;
  context: string;
  runId: string;
  /** Whether the cluster creates ServiceAccounts (its `default` namespace has one). */
  serviceAccounts: Promise<boolean>;
  /** The context's cluster and user names (kubectl's scenario kubeconfig names them). */
  cluster: string;
  user: string;
  /** The cluster-scoped state before the run's first scenario (the end-of-run check). */
  initial?: ClusterScopedState;
}

/** The user's kubeconfig files, as kubectl finds them: KUBECONFIG, else ~/.kube/config. */
function userKubeconfigs(): string[] {
  const env = (process.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  return env.length ? env.map((f) => resolve(f)) : [join(homedir(), '.kube', 'config')];
}

/**
 * Under `cucumber-js --parallel N` each worker (CUCUMBER_WORKER_ID 0 … N-1) runs against a cluster
 * of its own, `kubeconfigs[id]`: workers sharing one cluster would record and undo each other's
 * node changes, so without one kubeconfig per worker --parallel is refused.
 */
export function useWorkerKubeconfig(
  kubeconfigs: readonly string[] | undefined,
  worker = process.env.CUCUMBER_WORKER_ID,
): void {
  if (worker === undefined) return;
  if (!Array.isArray(kubeconfigs) || kubeconfigs.length === 0)
    throw new UserError(
      'the kubeconfig backend runs --parallel workers only against a cluster each: give the world parameter kubeconfigs, one kubeconfig file per worker (or leave out --parallel)',
    );
  const file = kubeconfigs[Number(worker)];
  if (typeof file !== 'string')
    throw new UserError(
      `--parallel worker ${worker} has no cluster: the world parameter kubeconfigs names ${kubeconfigs.length} kubeconfig(s), one per worker`,
    );
  process.env.KUBECONFIG = resolve(file);
}

/** The connections of this process by KUBECONFIG and context (a run has one). */
const connections = new Map<string, Promise<Connection>>();
/** Namespaces this process created, for the end-of-run check (steps/hooks.ts). */
export const createdNamespaces = new Set<string>();

async function connect(context: string | undefined): Promise<Connection> {
  const k8s = await import('@kubernetes/client-node').catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ERR_MODULE_NOT_FOUND' && e.code !== 'MODULE_NOT_FOUND') throw e;
    throw new UserError(
      'the kubeconfig backend needs the @kubernetes/client-node package (an optional peer dependency of kube-scenarios, not installed with it): npm install --save-dev @kubernetes/client-node@1.4.0',
    );
  });
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromDefault();
  } catch (e) {
    throw new UserError(
      `the kubeconfig backend cannot read the kubeconfig (${process.env.KUBECONFIG ? `KUBECONFIG=${process.env.KUBECONFIG}` : '~/.kube/config'}): ${(e as Error).message}`,
    );
  }
  if (context) {
    if (!kc.getContextObject(context))
      throw new UserError(
        `world parameter context: no context "${context}" in the kubeconfig (contexts: ${kc
          .getContexts()
          .map((c) => c.name)
          .join(', ')})`,
      );
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentContext())
    throw new UserError(
      'the kubeconfig backend found no kubeconfig context: set KUBECONFIG (or write ~/.kube/config), or pass the world parameter "context"',
    );
  const client = new ApiClient(kc as unknown as KubeConfigLike);
  const serviceAccounts = client
    .request('GET', '/api/v1/namespaces/default/serviceaccounts/default')
    .then(() => true)
    .catch(() => false);
  const ctx = kc.getContextObject(kc.getCurrentContext())!;
  return {
    client,
    context: kc.getCurrentContext(),
    runId: newRunId(),
    serviceAccounts,
    cluster: ctx.cluster,
    user: ctx.user ?? '',
  };
}

/** The run's connection, if a scenario ran on the kubeconfig backend. */
export function usedConnection(): Promise<Connection> | undefined {
  return [...connections.values()].at(-1);
}

/** The connection the scenarios of a run share. */
export function sharedConnection(context: string | undefined): Promise<Connection> {
  const key = `${process.env.KUBECONFIG ?? ''}\0${context ?? ''}`;
  let c = connections.get(key);
  if (!c) connections.set(key, (c = connect(context)));
  return c;
}

/** Node names of the lab (labs/kubeadm/lab.yaml). */
function labNodeNames(): string[] {
  return loadLab(LAB_DIR).phases.flatMap((p) => p.nodes.map((n) => n.name));
}

/** The cluster-scoped state a scenario may change; the namespaces of a run (labelled RUN_LABEL) left out but `own`. */
async function clusterState(client: ApiClient, own?: string): Promise<ClusterScopedState> {
  const [nodes, namespaces, pcs] = await Promise.all([
    client.list<Node>('Node'),
    client.list<Namespace>('Namespace'),
    client.list<PriorityClass>('PriorityClass'),
  ]);
  return {
    nodes: new Map(nodes.map((n) => [n.metadata.name!, nodeRecord(n)])),
    namespaces: new Map(
      namespaces
        .filter((n) => n.metadata.name === own || !n.metadata.labels?.[RUN_LABEL])
        .map((n) => [n.metadata.name!, metaRecord(n)]),
    ),
    priorityClasses: new Map(
      pcs.map((p) => [
        p.metadata.name!,
        { ...metaRecord(p), description: p.description ?? '', globalDefault: p.globalDefault === true },
      ]),
    ),
  };
}

/**
 * At the end of a run: what differs from how the run found the cluster (the cluster-scoped state
 * before its first scenario), as restorePlan words it; empty when the run left it as it was.
 */
export async function differencesSinceRunStart(conn: Connection): Promise<string[]> {
  if (!conn.initial) return [];
  return restorePlan(conn.initial, await clusterState(conn.client)).map((a) => a.what);
}

/** An event is about `obj` when kind and name match, and uid too when both carry one (as the simulator's EventRecorder.for). */
const about = (e: CoreEvent, obj: KubeObject) =>
  e.involvedObject.kind === obj.kind &&
  e.involvedObject.name === obj.metadata.name &&
  (e.involvedObject.namespace ?? obj.metadata.namespace) === obj.metadata.namespace &&
  (!obj.metadata.uid || !e.involvedObject.uid || e.involvedObject.uid === obj.metadata.uid);

const eventTime = (e: CoreEvent) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';

export class KubeconfigBackend implements Backend {
  readonly kind = 'kubeconfig' as const;
  private ns = '';
  private conn?: Connection;
  private before?: ClusterScopedState;
  private dir?: string;
  private pods?: PodRecord;
  private stopWatch?: () => void;

  constructor(private readonly world: KubeWorld) {}

  private get params() {
    return this.world.parameters;
  }

  /** The scenario's namespace (where `default` of the scenario text lives). */
  get namespace(): string {
    return this.ns;
  }

  private get timeoutMs(): number {
    const t = this.params.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    if (typeof t !== 'number' || !(t > 0))
      throw new UserError(
        `invalid world parameter timeoutSeconds ${JSON.stringify(t)}: expected a positive number of seconds`,
      );
    return t * 1000;
  }

  private get client(): ApiClient {
    if (!this.conn) throw new Error('kubeconfig backend: used before the scenario started (the Before hook)');
    return this.conn.client;
  }

  /** The namespace of the cluster a namespace of the scenario text means. */
  private real(namespace: string): string {
    return namespace === 'default' ? this.ns : namespace;
  }

  async start(scenario: { name: string; id: string }): Promise<void> {
    useWorkerKubeconfig(this.params.kubeconfigs);
    this.conn = await sharedConnection(this.params.context);
    this.ns = scenarioNamespace(scenario.name, this.conn.runId, scenario.id);
    try {
      this.before = await this.recordState();
    } catch (e) {
      if (e instanceof ApiRequestError) throw e;
      throw new UserError(
        `the kubeconfig backend cannot reach the cluster of context "${this.conn.context}" at ${this.client.serverUrl}: ${(e as Error).message}`,
      );
    }
    const ns: Namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: this.ns, labels: { [RUN_LABEL]: this.conn.runId } },
    } as Namespace;
    await this.client.create(ns);
    createdNamespaces.add(this.ns);
    await this.watchPods();
    // Pods are refused until the namespace's default ServiceAccount exists (the ServiceAccount
    // admission plugin), which the ServiceAccount controller creates soon after the namespace; a
    // cluster whose `default` namespace has none (serve models no ServiceAccounts) is not waited for.
    if (await this.conn.serviceAccounts)
      await pollUntil(
        async () => {
          if (
            !(await this.client
              .request('GET', `/api/v1/namespaces/${this.ns}/serviceaccounts/default`)
              .catch(() => undefined))
          )
            throw new AssertionError(`namespace ${this.ns} has no default ServiceAccount yet`);
        },
        { timeoutMs: 30_000, intervalMs: 200, retryable: (e) => e instanceof AssertionError },
      );
  }

  /** Starts the record of pod creations and deletions (src/backends/podrecord.ts): every namespace, from now on. */
  private async watchPods(): Promise<void> {
    const record = new PodRecord(this.ns);
    this.pods = record;
    const list = await this.client.request<{ metadata?: { resourceVersion?: string } }>(
      'GET',
      resourcePath('Pod', undefined, undefined, { limit: '1' }),
    );
    this.stopWatch = this.client.watch(
      resourcePath('Pod'),
      list.metadata?.resourceVersion ?? '0',
      (e) => record.event(e),
      (why) => {
        record.lost = why;
      },
    );
  }

  podHistory(key: string, existsNow: boolean): PodHistory {
    if (!this.pods) throw new Error('kubeconfig backend: no pod record (the scenario has not started)');
    if (this.pods.lost)
      throw new UserError(`the record of this scenario's pod creations and deletions is incomplete: ${this.pods.lost}`);
    return this.pods.history(key, existsNow);
  }

  /** The cluster-scoped state a scenario may change (namespaces of other scenarios of a run left out). */
  private async recordState(): Promise<ClusterScopedState> {
    const state = await clusterState(this.client, this.ns);
    this.conn!.initial ??= state; // the first scenario's: how the run found the cluster
    return state;
  }

  async finish(): Promise<string | undefined> {
    this.stopWatch?.();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    if (!this.conn || !this.before) return undefined;
    const plan = restorePlan(this.before, await this.recordState());
    const done: string[] = [];
    for (const a of plan) {
      try {
        if (a.op === 'patch') await this.client.mergePatch(a.kind, undefined, a.name, a.patch);
        else if (a.op === 'delete' && a.kind === 'Namespace') done.push(...(await this.deleteNamespace(a.name)));
        else if (a.op === 'delete') await this.client.delete(a.kind, undefined, a.name);
        done.push(`${a.op === 'lost' ? 'NOT UNDONE' : 'undone'}: ${a.what}`);
      } catch (e) {
        done.push(`FAILED: ${a.what}: ${(e as Error).message}`);
      }
    }
    return `kubeconfig backend, context ${this.conn.context}, server ${this.client.serverUrl}, namespace ${this.ns}\ncleanup:\n${done.map((d) => `  ${d}`).join('\n') || '  (nothing to undo)'}\n`;
  }

  /**
   * Deletes a namespace the scenario created and what is in it, and waits (the step timeout) until
   * its pods are gone, so that the next scenario does not meet them (a drain would). kube-apiserver's
   * namespace controller deletes the contents by itself; kube-scenarios serve has none, so the
   * contents are deleted kind by kind (deletecollection, owners before pods) on any cluster.
   */
  private async deleteNamespace(name: string): Promise<string[]> {
    const problems: string[] = [];
    const kinds = KINDS.filter((k) => k.namespaced && k.kind !== 'Pod').map((k) => k.kind);
    for (const kind of [...kinds, 'Pod']) {
      // Pods with a grace period of 1 s: the scenario is over, its containers need no 30 s to stop.
      const query: Record<string, string> = {
        propagationPolicy: 'Background',
        ...(kind === 'Pod' ? { gracePeriodSeconds: '1' } : {}),
      };
      await this.client.delete(kind, name, undefined, query).catch((e: Error) => {
        if (!(e instanceof ApiRequestError && e.status === 405))
          problems.push(`FAILED: delete ${kind} in ${name}: ${e.message}`);
      });
    }
    await this.client.delete('Namespace', undefined, name);
    await pollUntil(
      async () => {
        const left = await this.client.list<Pod>('Pod', name);
        if (left.length) throw new AssertionError(left.map((p) => p.metadata.name).join(', '));
      },
      { timeoutMs: this.timeoutMs, intervalMs: 500, retryable: (e) => e instanceof AssertionError },
    ).catch((e: Error) => problems.push(`NOT DONE: pods of namespace ${name} still there: ${e.message}`));
    // A namespace the scenario named (`kubectl create namespace team-a`) may be named again by the
    // next one: it must be gone, not Terminating (its namespace controller removes it once empty).
    // The scenario's own namespace has a name no other scenario uses: it is not waited for.
    if (name !== this.ns)
      await pollUntil(
        async () => {
          if (await this.client.get('Namespace', undefined, name)) throw new AssertionError('still Terminating');
        },
        {
          timeoutMs: this.timeoutMs,
          intervalMs: POLL_INTERVAL_MS,
          firstIntervalMs: FIRST_POLL_INTERVAL_MS,
          retryable: (e) => e instanceof AssertionError,
        },
      ).catch((e: Error) => problems.push(`NOT DONE: namespace ${name}: ${e.message}`));
    return problems;
  }

  async expect<T>(scope: ViewScope, check: (v: ClusterView) => T | Promise<T>, opts: ExpectOptions = {}): Promise<T> {
    const timeoutMs = Math.max(this.timeoutMs, opts.withinMs ?? 0);
    try {
      return (
        await pollUntil(async () => check(await this.view(scope)), {
          timeoutMs,
          intervalMs: POLL_INTERVAL_MS,
          firstIntervalMs: FIRST_POLL_INTERVAL_MS,
          retryable: (e) => e instanceof AssertionError,
        })
      ).value;
    } catch (e) {
      if (e instanceof AssertionError)
        throw new AssertionError(
          `${e.message}\n(the last state seen, after polling the cluster for ${timeoutMs / 1000} s: world parameter timeoutSeconds)`,
        );
      throw e;
    }
  }

  /** A snapshot of what the check reads. */
  private async view(scope: ViewScope): Promise<ClusterView> {
    const store = new SnapshotStore();
    const namespaces = [...new Set(scope.namespaces ?? ['default'])].map((n) => this.real(n));
    const lists: Promise<void>[] = [];
    const add = (p: Promise<KubeObject[]>) => lists.push(p.then((objs) => store.add(objs, this.ns)));
    for (const ns of namespaces) {
      for (const kind of WORKLOAD_KINDS) add(this.client.list(kind, ns));
      add(this.client.list('Event', ns)); // the "why" of a placement reads them, whatever the scope
    }
    if (scope.nodes) add(this.client.list('Node'));
    await Promise.all(lists);
    const events = (obj: KubeObject) =>
      store
        .list<CoreEvent>('Event', obj.metadata.namespace)
        .filter((e) => about(e, obj))
        .sort((a, b) => (eventTime(a) < eventTime(b) ? -1 : eventTime(a) > eventTime(b) ? 1 : 0));
    return {
      store,
      clock: { now: () => Date.now() },
      events,
      why: (keys) => whyFromEvents(store, events, Array.isArray(keys) ? keys : [keys]),
    };
  }

  async kubectl(args: string | string[]) {
    const words = typeof args === 'string' ? shellSplit(args) : [...args];
    if (words[0] === 'kubectl') words.shift();
    const destructive = destructiveReason(words);
    if (destructive && this.params.allowDestructive !== true)
      throw new ScenarioSkipped(
        `destructive on a real cluster: ${destructive} (\`kubectl ${words.join(' ')}\`); a run opts in with the world parameter allowDestructive: true`,
      );
    for (const file of filenameArgs(words)) {
      let text = '';
      try {
        text = this.world.readFile(file);
      } catch {
        continue; // a directory, or a file kubectl will report missing
      }
      if (text.includes(ANNOTATION_PREFIX))
        throw new ScenarioSkipped(
          `${file} uses the simulator's behaviour annotations (${ANNOTATION_PREFIX}…, docs/behaviour.md), which a real kubelet ignores`,
        );
    }
    const streaming = streamingReason(words);
    if (streaming) throw new ScenarioSkipped(`${streaming} (\`kubectl ${words.join(' ')}\`)`);
    await this.settle();
    const cwd = this.filesDir();
    const r = await runProcess('kubectl', namespacedArgs(words, this.ns), {
      cwd,
      // kubectl rollout status, wait and drain wait by themselves (their --timeout); this only ends a hung one.
      timeoutMs: Math.max(this.timeoutMs, KUBECTL_TIMEOUT_MS),
      env: { ...process.env, KUBECONFIG: [join(cwd, KUBECONFIG_FILE), ...userKubeconfigs()].join(delimiter) },
    });
    return { ...r, stdout: asScenarioNamespace(r.stdout, this.ns), stderr: asScenarioNamespace(r.stderr, this.ns) };
  }

  /**
   * Waits (at most SETTLE_MAX_MS) until the scenario's namespace has settled as the simulator's
   * cluster has between steps (src/backends/settle.ts); a namespace still busy then is left to the
   * next command and the polled assertions.
   */
  private async settle(): Promise<void> {
    await pollUntil(
      async () => {
        const [objects, events] = await Promise.all([
          Promise.all(WORKLOAD_KINDS.map((k) => this.client.list(k, this.ns))).then((l) => l.flat()),
          this.client.list<CoreEvent>('Event', this.ns),
        ]);
        const busy = unsettled(objects, events);
        if (busy.length) throw new AssertionError(busy.join('; '));
      },
      {
        timeoutMs: Math.min(this.timeoutMs, SETTLE_MAX_MS),
        intervalMs: POLL_INTERVAL_MS,
        firstIntervalMs: FIRST_POLL_INTERVAL_MS,
        retryable: (e) => e instanceof AssertionError,
      },
    ).catch((e) => {
      if (!(e instanceof AssertionError)) throw e;
    });
  }

  /**
   * The directory kubectl runs in: the fixtures (features/fixtures, the feature's fixtures/) linked,
   * the scenario's own files (`Given a file … containing:`, `I apply:`) written over them.
   */
  private filesDir(): string {
    if (!this.dir) {
      this.dir = mkdtempSync(join(tmpdir(), 'kube-scenarios-real-'));
      const c = this.conn!;
      writeFileSync(join(this.dir, KUBECONFIG_FILE), scenarioKubeconfig(this.ns, c.cluster, c.user, this.ns), {
        mode: 0o600,
      });
      for (const from of [FIXTURES_DIR, ...this.world.fixtureDirs]) {
        if (!existsSync(from)) continue;
        for (const entry of readdirSync(from)) {
          const to = join(this.dir, entry);
          if (!existsSync(to)) symlinkSync(resolve(from, entry), to);
        }
      }
    }
    for (const [full, text] of this.world.files) {
      const to = join(this.dir, relative(FIXTURES_DIR, full));
      rmSync(to, { force: true });
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, text);
    }
    return this.dir;
  }

  async useLab(): Promise<void> {
    const nodes = new Set((await this.client.list<Node>('Node')).map((n) => n.metadata.name!));
    const missing = labNodeNames().filter((n) => !nodes.has(n));
    if (missing.length)
      throw new ScenarioSkipped(
        `needs nodes the cluster does not have: ${missing.join(', ')} (the lab cluster: kube-scenarios serve --lab has them)`,
      );
  }

  async useNodes(specs: Array<{ spec: NodeSpecInput; where: string }>): Promise<void> {
    const existing = await this.client.list<Node>('Node');
    const wanted = new Set(specs.map((s) => s.spec.name));
    const others = existing.map((n) => n.metadata.name!).filter((n) => !wanted.has(n));
    const have = new Set(existing.map((n) => n.metadata.name!));
    const missing = specs.filter((s) => !have.has(s.spec.name)).map((s) => s.spec.name);
    if (others.length)
      throw new ScenarioSkipped(
        `needs a cluster of exactly its nodes (${[...wanted].join(', ')}); this one also has ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}`,
      );
    if (missing.length && this.params.createNodes !== true)
      throw new ScenarioSkipped(
        `needs nodes the cluster does not have: ${missing.join(', ')} (on kube-scenarios serve, the world parameter createNodes: true creates them)`,
      );
    const differs = specs.flatMap(({ spec }) => {
      const node = existing.find((n) => n.metadata.name === spec.name);
      return node ? nodeDifferences(spec, node) : [];
    });
    if (differs.length)
      throw new ScenarioSkipped(`needs nodes as the scenario describes them; on this cluster ${differs.join('; ')}`);
    for (const { spec, where } of specs) {
      if (have.has(spec.name)) continue;
      try {
        await this.client.create(nodeObject(spec));
        const status = nodeStatus(spec, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
        await this.client.request(
          'PATCH',
          `${resourcePath('Node', undefined, spec.name)}/status`,
          { status },
          MERGE_PATCH,
        );
      } catch (e) {
        if (e instanceof ApiRequestError) throw new UserError(`${where}: ${e.message}`);
        throw e;
      }
    }
    // Ready before the scenario goes on, as the simulator's nodes are.
    await this.expect({ nodes: true }, (v) => {
      const notReady = specs.filter(
        ({ spec }) =>
          !v.store
            .get<Node>('Node', undefined, spec.name)
            ?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      if (notReady.length)
        throw new AssertionError(`node(s) not Ready: ${notReady.map((s) => s.spec.name).join(', ')}`);
    });
  }

  async runBarePod(p: BarePod): Promise<void> {
    const pod = barePod(p);
    pod.metadata.namespace = this.real(p.ref.namespace);
    try {
      await this.client.create(pod);
    } catch (e) {
      if (e instanceof ApiRequestError)
        throw new AssertionError(`creating pod ${p.ref.name} on ${p.node}: ${e.message}`);
      throw e;
    }
    await this.expect({ namespaces: [p.ref.namespace] }, (v) => {
      const now = v.store.get<Pod>('Pod', p.ref.namespace, p.ref.name);
      if (now?.status?.phase !== 'Running')
        throw new AssertionError(
          `pod ${p.ref.namespace}/${p.ref.name} bound to ${p.node} did not reach Running: ${now ? `phase ${now.status?.phase ?? '(none)'}` : 'the pod is gone'}`,
        );
    });
  }
}

/**
 * The "why" of a placement on a real cluster: kube-scheduler publishes no per-node reasons or
 * scores, but a pod it cannot place gets a FailedScheduling event with the summary
 * (`0/4 nodes are available: …`; pkg/scheduler/schedule_one.go handleSchedulingFailure).
 */
function whyFromEvents(store: SnapshotStore, events: (o: KubeObject) => CoreEvent[], keys: string[]): string {
  const lines: string[] = [];
  for (const key of keys.slice(0, MAX_WHY_PODS)) {
    const [ns, name] = key.split('/');
    const pod = store.get<Pod>('Pod', ns, name);
    const failed = pod ? events(pod).filter((e) => e.reason === 'FailedScheduling') : [];
    const last = failed.at(-1);
    lines.push(
      last
        ? `${key}: FailedScheduling: ${last.message}`
        : pod?.spec.nodeName
          ? `${key}: scheduled on ${pod.spec.nodeName} (no FailedScheduling event)`
          : `${key}: ${pod ? 'not scheduled yet, no FailedScheduling event' : 'no such pod'}`,
    );
  }
  if (keys.length > MAX_WHY_PODS) lines.push(`(${keys.length - MAX_WHY_PODS} more pod(s))`);
  return `why (from the cluster's events; a real kube-scheduler publishes no per-node scores):\n  ${lines.join('\n  ')}`;
}
