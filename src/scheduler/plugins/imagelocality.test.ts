import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Node } from '../../api/types.ts';
import { CycleState } from '../framework/types.ts';
import { newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import { ImageLocality, imageLocalityPriority } from './imagelocality.ts';

const MB = 1024 * 1024;

const node403002000 = (name: string): Node =>
  makeNode(name, {
    images: [
      { names: ['gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'], sizeBytes: 40 * MB },
      { names: ['gcr.io/300:latest', 'gcr.io/300:v1'], sizeBytes: 300 * MB },
      { names: ['gcr.io/2000:latest'], sizeBytes: 2000 * MB },
    ],
  });
const node25010 = (name: string): Node =>
  makeNode(name, {
    images: [
      { names: ['gcr.io/250:latest'], sizeBytes: 250 * MB },
      { names: ['gcr.io/10:latest', 'gcr.io/10:v1'], sizeBytes: 10 * MB },
    ],
  });

const cs = (...images: string[]): Container[] => images.map((image, i) => ({ name: `c${i}`, image }));

function scores(containers: Container[], nodes: Node[], initContainers?: Container[]): Record<string, number> {
  const ctx = makeContext(nodes);
  const pod = newPodInfo(makePod('p', { containers, initContainers }));
  const pl = new ImageLocality();
  return Object.fromEntries(ctx.snapshot.nodeInfos.map((n) => [n.name, pl.score(ctx, new CycleState(), pod, n)]));
}

test('ImageLocality Score: two images spread on two nodes; the node with the larger image wins (250MB·1/2 → 5, 40MB·1/2 below 23MB → 0)', () => {
  assert.deepEqual(scores(cs('gcr.io/40', 'gcr.io/250'), [node403002000('machine1'), node25010('machine2')]), {
    machine1: 0,
    machine2: 5,
  });
});

test('ImageLocality Score: two images on one node add up ((40+300)/2 MB → 7)', () => {
  assert.deepEqual(scores(cs('gcr.io/40', 'gcr.io/300'), [node403002000('machine1'), node25010('machine2')]), {
    machine1: 7,
    machine2: 0,
  });
});

test('ImageLocality Score: the maximum is 1000MB per container (2000MB/2 with two containers → 49)', () => {
  assert.deepEqual(scores(cs('gcr.io/10', 'gcr.io/2000'), [node403002000('machine1'), node25010('machine2')]), {
    machine1: 49,
    machine2: 0,
  });
});

test('ImageLocality Score: the total node count includes nodes without images (2000MB/3 → 32)', () => {
  assert.deepEqual(
    scores(cs('gcr.io/10', 'gcr.io/2000'), [node403002000('machine1'), node25010('machine2'), makeNode('machine3')]),
    { machine1: 32, machine2: 0, machine3: 0 },
  );
});

test('ImageLocality Score: a sum above 1000MB × containers is clamped to 100', () => {
  assert.deepEqual(scores(cs('gcr.io/2000'), [node403002000('m1'), node403002000('m2')]), { m1: 100, m2: 100 });
});

test('ImageLocality Score: an image present on every node is not scaled down (300MB on 2 of 2 nodes → 14)', () => {
  // 100·(300MB − 23MB)/(2000MB − 23MB) = 14.01 → 14
  assert.deepEqual(scores(cs('gcr.io/300', 'busybox'), [node403002000('m1'), node403002000('m2')]), { m1: 14, m2: 14 });
});

test('ImageLocality Score: init containers count for the images and for the maximum', () => {
  // init gcr.io/300 + container gcr.io/40 on both nodes: 340MB, 2 containers → 100·317/1977 = 16
  assert.deepEqual(scores(cs('gcr.io/40'), [node403002000('m1'), node403002000('m2')], cs('gcr.io/300')), {
    m1: 16,
    m2: 16,
  });
});

test('ImageLocality Score: an untagged image name means :latest, other tags must match exactly', () => {
  const nodes = [node403002000('m1'), node403002000('m2')];
  assert.deepEqual(scores(cs('gcr.io/300:latest'), nodes), scores(cs('gcr.io/300'), nodes));
  assert.deepEqual(scores(cs('gcr.io/300'), nodes), { m1: 28, m2: 28 });
  assert.deepEqual(scores(cs('gcr.io/300:v1'), nodes), { m1: 28, m2: 28 });
  assert.deepEqual(scores(cs('gcr.io/300:v2'), nodes), { m1: 0, m2: 0 });
});

test('ImageLocality Score: a registry port is not a tag, and digests are kept as written', () => {
  const n = makeNode('m1', {
    images: [{ names: ['localhost:5000/app:latest', 'nginx@sha256:abc'], sizeBytes: 500 * MB }],
  });
  // 100·(500 − 23)/(1000 − 23) = 48
  assert.deepEqual(scores(cs('localhost:5000/app'), [n]), { m1: 48 });
  assert.deepEqual(scores(cs('nginx@sha256:abc'), [n]), { m1: 48 });
});

test("ImageLocality Score: a node without the pod's images scores 0", () => {
  assert.deepEqual(scores(cs('gcr.io/unknown'), [node25010('m1')]), { m1: 0 });
});

test('ImageLocality: calculatePriority clamps to [23MB, 1000MB × containers] and truncates', () => {
  assert.equal(imageLocalityPriority(0, 1), 0);
  assert.equal(imageLocalityPriority(23 * MB, 1), 0);
  assert.equal(imageLocalityPriority(1000 * MB, 1), 100);
  assert.equal(imageLocalityPriority(5000 * MB, 2), 100);
  assert.equal(imageLocalityPriority(511 * MB, 1), 49); // 100·488/977 = 49.9
});

test('ImageLocality Score over one snapshot: each list of images gets its own scores, and a second pod with the same images the same ones (the per-snapshot memo)', () => {
  const ctx = makeContext([node403002000('machine1'), node25010('machine2')]);
  const pl = new ImageLocality();
  const run = (containers: Container[]) => {
    const out: number[] = [];
    const nodes = ctx.snapshot.nodeInfos;
    pl.scoreNodes(
      ctx,
      new CycleState(),
      newPodInfo(makePod('p', { containers })),
      nodes,
      nodes.map((n) => ctx.snapshot.amounts.row(n)),
      out,
    );
    return out;
  };
  assert.deepEqual(run(cs('gcr.io/40', 'gcr.io/250')), [0, 5]);
  assert.deepEqual(run(cs('gcr.io/40', 'gcr.io/300')), [7, 0]);
  assert.deepEqual(run(cs('gcr.io/40', 'gcr.io/250')), [0, 5]);
  assert.deepEqual(run(cs('gcr.io/10', 'gcr.io/2000')), [49, 0]);
});
