import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, ContainerPort, Pod } from '../../api/types.ts';
import { CycleState } from '../framework/types.ts';
import { newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import { NodePorts, portConflicts } from './nodeports.ts';

const CONFLICT = { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] };

/** "PROTO/hostIP/hostPort" entries, like the upstream test's newPod helper. */
function ports(...specs: string[]): ContainerPort[] {
  return specs.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { containerPort: Number(port), hostPort: Number(port), hostIP, protocol };
  });
}
const portPod = (name: string, nodeName: string | undefined, ...specs: string[]): Pod =>
  makePod(name, { nodeName, containers: [{ name: 'c', image: 'nginx', ports: ports(...specs) }] });

function run(incoming: Pod, existing: Pod[] = []) {
  const ctx = makeContext([makeNode('m1')], existing);
  const pl = new NodePorts();
  const state = new CycleState();
  const pod = newPodInfo(incoming);
  const pre = pl.preFilter(ctx, state, pod);
  if (pre.status?.code === 'Skip') return pre.status;
  return pl.filter(ctx, state, pod, ctx.snapshot.get('m1')!);
}

test('NodePorts PreFilter: a pod without host ports is skipped (container ports without hostPort do not count)', () => {
  assert.deepEqual(run(makePod('p')), { code: 'Skip', reasons: [] });
  assert.deepEqual(run(makePod('p', { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] })), {
    code: 'Skip',
    reasons: [],
  });
  assert.deepEqual(
    run(makePod('p', { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 0 }] }] })),
    { code: 'Skip', reasons: [] },
  );
});

test('NodePorts Filter: a host port fits a node where no pod uses ports', () => {
  assert.equal(run(portPod('p', undefined, 'TCP/127.0.0.1/8080'), [makePod('other', { nodeName: 'm1' })]), null);
});

test('NodePorts Filter: a different port on the same IP and protocol fits', () => {
  assert.equal(run(portPod('p', undefined, 'UDP/127.0.0.1/8080'), [portPod('e', 'm1', 'UDP/127.0.0.1/9090')]), null);
});

test('NodePorts Filter: the same UDP or TCP port on the same IP conflicts (U)', () => {
  assert.deepEqual(
    run(portPod('p', undefined, 'UDP/127.0.0.1/8080'), [portPod('e', 'm1', 'UDP/127.0.0.1/8080')]),
    CONFLICT,
  );
  assert.deepEqual(
    run(portPod('p', undefined, 'TCP/127.0.0.1/8080'), [portPod('e', 'm1', 'TCP/127.0.0.1/8080')]),
    CONFLICT,
  );
});

test('NodePorts Filter: the same port on a different specific host IP fits', () => {
  assert.equal(run(portPod('p', undefined, 'TCP/127.0.0.1/8080'), [portPod('e', 'm1', 'TCP/127.0.0.2/8080')]), null);
});

test('NodePorts Filter: the same port and IP with a different protocol fits', () => {
  assert.equal(run(portPod('p', undefined, 'UDP/127.0.0.1/8080'), [portPod('e', 'm1', 'TCP/127.0.0.1/8080')]), null);
  assert.equal(run(portPod('p', undefined, 'UDP/127.0.0.1/8001'), [portPod('e', 'm1', 'TCP/0.0.0.0/8001')]), null);
});

test('NodePorts Filter: any one of several wanted ports conflicting rejects the node', () => {
  assert.deepEqual(
    run(portPod('p', undefined, 'UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'), [
      portPod('e', 'm1', 'UDP/127.0.0.1/8080'),
    ]),
    CONFLICT,
  );
  assert.deepEqual(
    run(portPod('p', undefined, 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'), [
      portPod('e', 'm1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'),
    ]),
    CONFLICT,
  );
});

test('NodePorts Filter: a wanted 0.0.0.0 host IP conflicts with the port on any IP', () => {
  assert.deepEqual(
    run(portPod('p', undefined, 'TCP/0.0.0.0/8001'), [portPod('e', 'm1', 'TCP/127.0.0.1/8001')]),
    CONFLICT,
  );
  assert.deepEqual(
    run(portPod('p', undefined, 'TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'), [portPod('e', 'm1', 'TCP/127.0.0.1/8001')]),
    CONFLICT,
  );
});

test('NodePorts Filter: a used 0.0.0.0 host IP conflicts with a wanted specific IP', () => {
  assert.deepEqual(
    run(portPod('p', undefined, 'TCP/127.0.0.1/8001'), [portPod('e', 'm1', 'TCP/0.0.0.0/8001')]),
    CONFLICT,
  );
  assert.deepEqual(
    run(portPod('p', undefined, 'UDP/127.0.0.1/8001'), [portPod('e', 'm1', 'TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001')]),
    CONFLICT,
  );
});

test('NodePorts Filter: an empty hostIP means 0.0.0.0 and an empty protocol means TCP', () => {
  const bare = (name: string, nodeName?: string): Pod =>
    makePod(name, {
      nodeName,
      containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }],
    });
  assert.deepEqual(run(bare('p'), [portPod('e', 'm1', 'TCP/10.1.2.3/8080')]), CONFLICT);
  assert.deepEqual(run(portPod('p', undefined, 'TCP/10.1.2.3/8080'), [bare('e', 'm1')]), CONFLICT);
  assert.equal(run(bare('p'), [portPod('e', 'm1', 'UDP/10.1.2.3/8080')]), null);
});

test('NodePorts Filter: host ports of sidecar init containers count, on both sides; plain init containers do not', () => {
  const withInit = (name: string, nodeName: string | undefined, restartPolicy?: string): Pod => {
    const init: Container = { name: 'init', image: 'busybox', restartPolicy, ports: ports('TCP/0.0.0.0/9000') };
    return makePod(name, { nodeName, initContainers: [init] });
  };
  assert.deepEqual(run(withInit('p', undefined, 'Always'), [portPod('e', 'm1', 'TCP/0.0.0.0/9000')]), CONFLICT);
  assert.deepEqual(run(portPod('p', undefined, 'TCP/0.0.0.0/9000'), [withInit('e', 'm1', 'Always')]), CONFLICT);
  assert.deepEqual(run(withInit('p', undefined)), { code: 'Skip', reasons: [] });
  assert.equal(run(portPod('p', undefined, 'TCP/0.0.0.0/9000'), [withInit('e', 'm1')]), null);
});

test('NodePorts Filter: terminal pods on the node hold no ports', () => {
  const done = portPod('e', 'm1', 'TCP/0.0.0.0/8080');
  done.status = { phase: 'Succeeded' };
  assert.equal(run(portPod('p', undefined, 'TCP/0.0.0.0/8080'), [done]), null);
});

test('NodePorts Filter: without PreFilter state the filter reports an Error', () => {
  const ctx = makeContext([makeNode('m1')]);
  const s = new NodePorts().filter(
    ctx,
    new CycleState(),
    newPodInfo(portPod('p', undefined, 'TCP/0.0.0.0/80')),
    ctx.snapshot.get('m1')!,
  );
  assert.equal(s?.code, 'Error');
});

test('NodePorts: portConflicts ignores non-positive ports', () => {
  assert.equal(
    portConflicts([{ ip: '0.0.0.0', protocol: 'TCP', port: 0 }], { ip: '0.0.0.0', protocol: 'TCP', port: 0 }),
    false,
  );
});
