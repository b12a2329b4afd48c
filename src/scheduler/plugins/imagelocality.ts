// ImageLocality (pkg/scheduler/framework/plugins/imagelocality): favours nodes that already hold
// the pod's container images, each image's size scaled by the share of nodes that have it, the sum
// clamped to [23 MiB, 1000 MiB × containers]. No NormalizeScore.

import { normalizedImageName } from '../framework/nodeinfo.ts';
import { MAX_NODE_SCORE, scoreOneNode } from '../framework/types.ts';
import { AMOUNT_COLUMNS } from '../framework/snapshot.ts';
import type { CycleState, NodeInfo, PodInfo, SchedulerContext, ScorePlugin } from '../framework/types.ts';

/** MAX_NODE_SCORE read once: under tsx's CommonJS transform every read of an imported binding is a getter call, which hot loops feel. */
const MAX_SCORE = MAX_NODE_SCORE;

const IMAGES = AMOUNT_COLUMNS.IMAGES;

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** calculatePriority: clamp the summed image score and map it linearly onto [0, 100] (int64 division). */
export function imageLocalityPriority(sum: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = sum < MIN_THRESHOLD ? MIN_THRESHOLD : Math.min(sum, maxThreshold);
  return Math.trunc((MAX_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

const IMAGES_KEY = 'ImageLocalityImages';

/** The pod's normalised container images (init containers first), computed once per cycle, and them joined (the memo key). */
interface PodImages {
  images: string[];
  key: string;
}

export class ImageLocality implements ScorePlugin {
  readonly name = 'ImageLocality';

  score(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return scoreOneNode(this, ctx, state, pod, node);
  }

  scoreNodes(
    ctx: SchedulerContext,
    state: CycleState,
    pod: PodInfo,
    nodes: NodeInfo[],
    rows: readonly number[],
    out: number[],
  ): void {
    let cached = state.read<PodImages>(IMAGES_KEY);
    if (!cached) {
      const containers = [...(pod.pod.spec.initContainers ?? []), ...(pod.pod.spec.containers ?? [])];
      const images = containers.map((c) => normalizedImageName(c.image ?? ''));
      cached = { images, key: images.join('\n') };
      state.write(IMAGES_KEY, cached);
    }
    const images = cached.images;
    const totalNodes = ctx.snapshot.nodeInfos.length;
    // each image's share of the nodes, once per cycle instead of once per node (the same value)
    const shares = images.map((image) => ctx.snapshot.imageNodeCount(image) / totalNodes);
    const noImages = imageLocalityPriority(0, images.length); // the score of a node that has none of them
    // Whether a node holds any image at all is read from the snapshot's rows (see NodeAmounts).
    const d = ctx.snapshot.amounts.data;
    // A node's score depends only on its images, the pod's images and how many of the snapshot's
    // nodes hold each: kept per snapshot (rebuilt when a node changes) and list of images, which
    // the pods of one workload share.
    const memo = ctx.snapshot.scoreMemo(`ImageLocality\x00${cached.key}`);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const o = rows[i];
      if ((o >= 0 ? d[o + IMAGES] : node.imageSizes.size) === 0) {
        out[i] = noImages;
        continue;
      }
      // (rows[i] < 0: a node outside the snapshot, e.g. a preemption dry run's copy, is not memoised)
      const known = o >= 0 ? memo[node.snapshotIndex] : -1;
      if (known >= 0) {
        out[i] = known;
        continue;
      }
      let sum = 0;
      for (let j = 0; j < images.length; j++) {
        const size = node.imageSizes.get(images[j]);
        if (size === undefined) continue;
        // scaledImageScore: int64(float64(size) · numNodes/totalNodes)
        sum += Math.trunc(size * shares[j]);
      }
      out[i] = imageLocalityPriority(sum, images.length);
      if (o >= 0) memo[node.snapshotIndex] = out[i];
    }
  }
}
