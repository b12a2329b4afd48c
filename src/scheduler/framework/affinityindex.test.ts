import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerCache } from '../cache.ts';
import { Rng } from '../../util/rng.ts';
import { buildSnapshot, ListSnapshot } from './snapshot.ts';
import { makeNode, makePod } from './testing.ts';
import type { AffinityIndex, TermKind } from './affinityindex.ts';
import type { Pod } from '../../api/types.ts';

const KINDS: TermKind[] = ['requiredAffinity', 'requiredAntiAffinity', 'preferredAffinity', 'preferredAntiAffinity'];

/** Everything the plugins read from the index, as plain data (group order aside). */
function dump(ix: AffinityIndex): unknown {
  const pods = [...ix.podGroups()]
    .map((g) =>
      JSON.stringify([
        g.pod.metadata.namespace,
        !!g.pod.metadata.deletionTimestamp,
        g.pod.metadata.labels ?? {},
        g.size,
        ['zone', 'kubernetes.io/hostname'].map((k) => [...g.counts(k)].sort()),
      ]),
    )
    .sort();
  const terms = KINDS.map((k) =>
    [...ix.termGroups(k)]
      .map((g) => JSON.stringify([g.term.topologyKey, g.weight, g.size, [...g.counts].sort()]))
      .sort(),
  );
  return { pods, terms };
}

function randomPod(rng: Rng, i: number): Pod {
  const term = {
    labelSelector: { matchLabels: { app: `a${rng.int(2)}` } },
    topologyKey: rng.int(2) ? 'zone' : 'kubernetes.io/hostname',
  };
  const affinity =
    rng.int(3) === 0
      ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
      : rng.int(3) === 0
        ? {
            podAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 + rng.int(2), podAffinityTerm: term }],
            },
          }
        : undefined;
  return makePod(`p${i}`, {
    namespace: rng.int(2) ? 'default' : 'other',
    labels: { app: `a${rng.int(3)}` },
    deleting: rng.int(5) === 0,
    affinity,
    nodeName: `n${rng.int(6)}`,
  });
}

test('InterPodAffinity/PodTopologySpread index: groups and topology counts kept up as pods are bound and deleted equal a rebuild from the NodeInfos', () => {
  const rng = new Rng(9, 9);
  const cache = new SchedulerCache();
  for (let i = 0; i < 6; i++) {
    const labels: Record<string, string> = i === 5 ? {} : { zone: `z${i % 2}` };
    cache.onEvent({ type: 'ADDED', object: makeNode(`n${i}`, { labels }) });
  }
  const live = cache.snapshot();
  dump(live.affinityIndex); // built now: from here on it is only updated
  const pods: Pod[] = [];
  for (let step = 0; step < 300; step++) {
    if (pods.length > 0 && rng.int(3) === 0) {
      const [p] = pods.splice(rng.int(pods.length), 1);
      cache.onEvent({ type: 'DELETED', object: p });
    } else {
      const p = randomPod(rng, step);
      pods.push(p);
      cache.onEvent({ type: 'ADDED', object: p });
    }
    assert.equal(cache.snapshot(), live);
    if (step % 25 === 0)
      assert.deepEqual(dump(live.affinityIndex), dump(new ListSnapshot(live.nodeInfos).affinityIndex));
  }
  assert.deepEqual(dump(live.affinityIndex), dump(new ListSnapshot(live.nodeInfos).affinityIndex));
});

test("PodTopologySpread snapshot: topologyValues lists a label's distinct values in node order, skipping nodes without it", () => {
  const nodes = [
    makeNode('a', { labels: { zone: 'z1' } }),
    makeNode('b', { labels: { zone: 'z0' } }),
    makeNode('c'),
    makeNode('d', { labels: { zone: 'z1' } }),
  ];
  assert.deepEqual(buildSnapshot(nodes, []).topologyValues('zone'), ['z1', 'z0']);
});
