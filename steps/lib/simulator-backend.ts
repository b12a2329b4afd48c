// The simulator backend (the default): the scenario's in-memory Cluster. Given-steps build it,
// kubectl is the simulator's own, and an assertion is checked once on the settled cluster (see
// steps/lib/backend.ts).

import type { Pod } from '../../src/api/types.ts';
import { addNode, createEmptyCluster, type NodeSpecInput } from '../../src/cluster/bootstrap.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { createLabCluster } from '../../src/cluster/lab.ts';
import { renderApiError } from '../../src/kubectl/flags.ts';
import { ApiError, noSuchNodeMessage } from '../../src/store/errors.ts';
import { UserError } from '../../src/util/errors.ts';
import type { KubeWorld } from '../world.ts';
import type { PodHistory } from '../../src/backends/podrecord.ts';
import { AssertionError } from './assertion.ts';
import { type Backend, type BarePod, type ClusterView, type ExpectOptions, simulatorExpect } from './backend.ts';
import { formatRef } from './parse.ts';
import { getPod } from './pods.ts';

/** How long `Given pod X is running on node Y` lets the kubelet take (virtual time). */
export const START_TIMEOUT_SECONDS = 300;

export class SimulatorBackend implements Backend {
  readonly kind = 'simulator' as const;

  constructor(private readonly world: KubeWorld) {}

  expect<T>(_scope: unknown, check: (v: ClusterView) => T | Promise<T>, opts?: ExpectOptions): Promise<T> {
    return simulatorExpect(this.world, check, opts);
  }

  async kubectl(args: string | string[]) {
    return this.world.kubectl(args, false);
  }

  async useLab(): Promise<void> {
    this.world.useCluster(createLabCluster({ seed: this.world.seed }));
  }

  async useNodes(specs: Array<{ spec: NodeSpecInput; where: string }>): Promise<void> {
    const cluster = createEmptyCluster({ seed: this.world.seed });
    for (const { spec, where } of specs) addNodeOrFail(cluster, spec, where);
    cluster.settle();
    this.world.useCluster(cluster);
  }

  async runBarePod({ ref, node, labels, cpu }: BarePod): Promise<void> {
    const cluster = this.world.cluster;
    if (!cluster.store.get('Node', undefined, node)) throw new UserError(noSuchNodeMessage(cluster.store, node));
    cluster.api.create(barePod({ ref, node, labels, cpu }));
    cluster.settle();
    for (let s = 0; s < START_TIMEOUT_SECONDS && getPod(cluster.store, ref)?.status?.phase !== 'Running'; s++)
      cluster.advance(1000);
    const now = getPod(cluster.store, ref);
    if (now?.status?.phase !== 'Running') {
      throw new AssertionError(
        `pod ${formatRef(ref)} bound to ${node} did not reach Running within ${START_TIMEOUT_SECONDS}s of virtual time: ${now ? `phase ${now.status?.phase ?? '(none)'}, status ${JSON.stringify(now.status ?? {})}` : 'the pod is gone'}`,
      );
    }
  }

  /** The world's record of the store's pod events since its cluster was made (KubeWorld.useCluster). */
  podHistory(key: string): PodHistory {
    return { created: this.world.podCreations.get(key) ?? 0, deleted: this.world.podDeletions.get(key) ?? 0 };
  }

  async start(): Promise<void> {}

  async finish(): Promise<undefined> {
    return undefined;
  }
}

/** The bare nginx pod of `Given pod X is running on node Y`: spec.nodeName set, so no scheduler is involved. */
export function barePod({ ref, node, labels, cpu }: BarePod): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: ref.name, namespace: ref.namespace, ...(Object.keys(labels).length ? { labels } : {}) },
    spec: {
      nodeName: node,
      containers: [{ name: ref.name, image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }],
    },
  };
}

/** addNode, with the API server's refusal (a negative cpu, say) as a user error naming `where`. */
function addNodeOrFail(cluster: Cluster, spec: NodeSpecInput, where: string): void {
  try {
    addNode(cluster, spec);
  } catch (e) {
    if (e instanceof ApiError) throw new UserError(`${where}: ${renderApiError(e).trimEnd()}`);
    throw e;
  }
}
