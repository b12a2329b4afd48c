// The nodes' pod counts and cpu/memory amounts of a snapshot in one typed array, a row per node
// (NodeAmounts, with its column layout): what filters and scorers read instead of each NodeInfo.

import type { NodeInfo } from './infos.ts';

/** Columns of a NodeAmounts row (a plain object: imported numbers read in hot loops should be copied to local consts). */
export const AMOUNT_COLUMNS = {
  PODS: 0,
  ALLOCATABLE_PODS: 1,
  ALLOCATABLE_CPU: 2,
  REQUESTED_CPU: 3,
  NON_ZERO_CPU: 4,
  ALLOCATABLE_MEMORY: 5,
  REQUESTED_MEMORY: 6,
  NON_ZERO_MEMORY: 7,
  IMAGES: 8,
  /** 1 when node.spec.unschedulable, else 0. */
  UNSCHEDULABLE: 9,
  /** How many taints the node has. */
  TAINTS: 10,
} as const;
const WIDTH = 11;

/**
 * What every cycle reads for each node — pod count, cpu and memory allocatable, requested and
 * non-zero requested, how many images and taints it holds, whether it is cordoned — in one
 * Float64Array, a row of WIDTH numbers per node at its snapshot position. Filtering and scoring
 * walk hundreds or thousands of nodes a cycle: reading consecutive rows costs far less than
 * visiting each NodeInfo, its pods array, image map and boxed doubles (memory amounts above 2 GiB
 * are heap numbers in V8). On the benchmark's 5,000 nodes the NodeInfos no longer fit in the
 * core's cache, so each such visit is a miss, and a cycle that visits every node costs more per
 * node the more nodes there are; the rows of 5,000 nodes (440 KB) do fit. The cycle therefore
 * hands filters and scorers each node's row offset along with the NodeInfo, and a Basic pod's
 * cycle never dereferences a NodeInfo. Equal to the NodeInfo fields at all times (the snapshot's
 * podAdded/podRemoved refresh the row); a NodeInfo the snapshot does not hold — a copy for a dry
 * run — has no row (offset -1) and is read from its fields.
 */
export class NodeAmounts {
  readonly data: Float64Array;
  /** How many of the nodes are cordoned, and how many have taints (what the Node says does not change in a snapshot's life). */
  readonly cordoned: number;
  readonly tainted: number;
  constructor(private readonly nodes: NodeInfo[]) {
    this.data = new Float64Array(nodes.length * WIDTH);
    for (const ni of nodes) this.refresh(ni);
    this.cordoned = nodes.filter((ni) => ni.unschedulable).length;
    this.tainted = nodes.filter((ni) => ni.taints).length;
  }

  /** Offset of the node's row in `data`, or -1 when the snapshot does not hold this NodeInfo. */
  row(ni: NodeInfo): number {
    const i = ni.snapshotIndex;
    return this.nodes[i] === ni ? i * WIDTH : -1;
  }

  /** Offset of the row of the snapshot's i-th node (nodeInfos[i]), without visiting the NodeInfo. */
  rowAt(i: number): number {
    return i * WIDTH;
  }

  /** Copies the node's fields into its row. */
  refresh(ni: NodeInfo): void {
    const o = this.row(ni);
    if (o < 0) return;
    const d = this.data,
      c = AMOUNT_COLUMNS;
    d[o + c.PODS] = ni.pods.length;
    d[o + c.ALLOCATABLE_PODS] = ni.allocatablePods;
    d[o + c.ALLOCATABLE_CPU] = ni.allocatableCpu;
    d[o + c.REQUESTED_CPU] = ni.requestedCpu;
    d[o + c.NON_ZERO_CPU] = ni.nonZeroRequestedCpu;
    d[o + c.ALLOCATABLE_MEMORY] = ni.allocatableMemory;
    d[o + c.REQUESTED_MEMORY] = ni.requestedMemory;
    d[o + c.NON_ZERO_MEMORY] = ni.nonZeroRequestedMemory;
    d[o + c.IMAGES] = ni.imageSizes.size;
    d[o + c.UNSCHEDULABLE] = ni.unschedulable ? 1 : 0;
    d[o + c.TAINTS] = ni.taints?.length ?? 0;
  }
}
