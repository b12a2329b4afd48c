// Guards the scheduler's performance work: a fixed-seed mixed workload on a few hundred
// nodes — resources, taints, node affinity, pod (anti-)affinity, topology spread, host ports,
// images, unschedulable pods — whose every placement and FailedScheduling text was recorded
// before the optimisations (decisions.fixture.txt) and must stay identical: the same nodes
// examined (adaptive percentageOfNodesToScore + rotating start), the same filters and scores.
// Regenerate only for an intended behaviour change: KS_WRITE_FIXTURE=1 node --import tsx src/scheduler/decisions.test.ts

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceAccountsController } from '../controllers/serviceaccounts.ts';
import { ApiServer } from '../store/apiserver.ts';
import { EventRecorder } from '../store/events.ts';
import { ObjectStore } from '../store/store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Scheduler } from './scheduler.ts';
import type { Node, Pod, PodSpec } from '../api/types.ts';
import { Rng } from '../util/rng.ts';

const FIXTURE = join(__dirname, 'decisions.fixture.txt');

function workload(percentageOfNodesToScore: number): string[] {
  const rng = new Rng(42, 7);
  const pick = <T>(xs: T[]): T => xs[rng.int(xs.length)];
  // The API server and the scheduler only (no kubelets or controllers), with trace on.
  const store = new ObjectStore(new VirtualClock(), new Rng(3, 1));
  const api = new ApiServer(store);
  api.serviceAccounts = new ServiceAccountsController(api);
  const scheduler = new Scheduler(store, new EventRecorder(store), new Rng(3, 2), { percentageOfNodesToScore });
  const settle = (): void => {
    while (scheduler.sync()) {
      /* drain the queue */
    }
  };
  for (let i = 0; i < 300; i++) {
    const name = `n${i}`;
    const cpu = pick(['2', '4', '8']);
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': name,
      'topology.kubernetes.io/zone': `z${i % 3}`,
    };
    if (rng.int(4) === 0) labels.disktype = 'ssd';
    const taints =
      rng.int(10) === 0
        ? [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' as const }]
        : rng.int(8) === 0
          ? [{ key: 'spot', effect: 'PreferNoSchedule' as const }]
          : undefined;
    const images = rng.int(5) === 0 ? [{ names: ['registry.k8s.io/app:1'], sizeBytes: 300 * 1024 * 1024 }] : undefined;
    const res = { cpu, memory: `${Number(cpu) * 4}Gi`, pods: '110' };
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      spec: { taints },
      status: { capacity: res, allocatable: res, images, conditions: [{ type: 'Ready', status: 'True' }] },
    };
    api.create(node);
  }
  for (let i = 0; i < 600; i++) {
    const app = `app${rng.int(12)}`;
    const spec: Partial<PodSpec> = {};
    const kind = rng.int(10);
    if (kind === 0) spec.nodeSelector = { disktype: 'ssd' };
    if (kind === 1)
      spec.affinity = {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 5,
              preference: {
                matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z1'] }],
              },
            },
          ],
        },
      };
    if (kind === 2)
      spec.affinity = {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' },
          ],
        },
      };
    if (kind === 3)
      spec.affinity = {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 10,
              podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: 'topology.kubernetes.io/zone' },
            },
          ],
        },
      };
    if (kind === 4)
      spec.topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app } },
        },
      ];
    if (kind === 5)
      spec.topologySpreadConstraints = [
        {
          maxSkew: 2,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { app } },
        },
      ];
    if (kind === 6) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }];
    if (kind === 7)
      spec.affinity = {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app } }, topologyKey: 'topology.kubernetes.io/zone' },
          ],
        },
      };
    const cpu = kind === 9 && rng.int(4) === 0 ? '12' : pick(['50m', '100m', '250m', '500m', '1', '3']);
    const image = rng.int(3) === 0 ? 'registry.k8s.io/app:1' : 'nginx';
    const ports = kind === 8 ? [{ containerPort: 8080, hostPort: 8080 }] : undefined;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: 'default', labels: { app } },
      spec: {
        containers: [{ name: 'c', image, ports, resources: { requests: { cpu, memory: `${rng.int(4) + 1}Gi` } } }],
        ...spec,
      } as PodSpec,
    };
    api.create(pod);
    if (rng.int(20) === 0) settle();
  }
  settle();
  return store.list<Pod>('Pod').map((p) => {
    const cond = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
    const a = scheduler.lastAttempt(`default/${p.metadata.name}`);
    const how = a ? ` feasible=${a.feasible.length} total=${a.node ? (a.total[a.node] ?? '-') : '-'}` : '';
    return `${p.metadata.name} ${p.spec.nodeName ?? `- ${cond?.message ?? ''}`}${how}`;
  });
}

function run(): string {
  return [...workload(0).map((l) => `adaptive ${l}`), ...workload(100).map((l) => `all ${l}`)].join('\n') + '\n';
}

if (process.env.KS_WRITE_FIXTURE) writeFileSync(FIXTURE, run());

test('scheduler decisions (placements and FailedScheduling texts) of a fixed-seed mixed workload on 300 nodes are unchanged by the performance work: adaptive percentageOfNodesToScore and all nodes', () => {
  assert.equal(run(), readFileSync(FIXTURE, 'utf8'));
});
