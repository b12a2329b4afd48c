// Steps for the pod lifecycle on the virtual clock: waiting until something holds
// (`Then within 5 minutes pod web is Running`), the STATUS / READY / RESTARTS cells of
// `kubectl get pods`, container states, events, static pod manifests on a node's filesystem,
// commands run on a node or in a pod that are not kubectl (`crictl pods|ps [-a]`, `curl …`),
// sandboxes, and Job completion. Output of node/pod commands becomes "the last command", so the
// kubectl output assertions (`Then the output is:` …) apply to it.

import { defineParameterType, Then, When } from '@cucumber/cucumber';
import { AssertionError } from 'chai';
import type { CoreEvent, Pod, Service } from '../src/api/types.ts';
import type { Job } from '../src/controllers/job.ts';
import { podCells } from '../src/kubectl/printers.ts';
import { nodeFs } from '../src/kubelet/nodefs.ts';
import { runtimeSandboxes } from '../src/kubelet/cri.ts';
import { runCrictl } from '../src/crictl/crictl.ts';
import { curlArgs, runCurl } from '../src/network/curl.ts';
import type { Origin } from '../src/network/network.ts';
import { NotSupportedError, UserError } from '../src/util/errors.ts';
import type { CommandResult, KubeWorld } from './world.ts';
import { formatRef, type ObjRef, type PodPhase } from './lib/parse.ts';
import { mustGetPod as mustGetPodFrom, getPod } from './lib/pods.ts';
import { containerStatus, parseSpan, podSummary, stateText, waitUntil } from './lib/lifecycle.ts';

// {span}: 30 seconds / 1 minute / 2 hours (virtual time)
defineParameterType({ name: 'span', regexp: /\d+ [a-z]+/, transformer: (s: string) => parseSpan(s), useForSnippets: false });

const mustGetPod = (world: KubeWorld, ref: ObjRef): Pod => mustGetPodFrom(world.cluster.store, ref);

const seen = (world: KubeWorld, ref: ObjRef) => {
  const pod = getPod(world.cluster.store, ref);
  return pod ? podSummary(world.cluster, pod) : 'the pod does not exist';
};

const spanText = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} minute(s)` : `${ms / 1000} second(s)`);

/** Waits (virtual time) until `check` holds for the pod, or fails with what it saw. */
function within(world: KubeWorld, ms: number, ref: ObjRef, what: string, check: (pod: Pod | undefined) => boolean): void {
  if (!waitUntil(world.cluster, ms, () => check(getPod(world.cluster.store, ref)))) {
    throw new AssertionError(`expected pod ${formatRef(ref)} ${what} within ${spanText(ms)} of virtual time, but after waiting it shows: ${seen(world, ref)}`);
  }
}

// ---- commands on a node or in a pod ----------------------------------------------------------

/** Replaces `{pod IP of NAME}` and `{cluster IP of NAME}` (namespace/NAME allowed) with the live addresses. */
function expandAddresses(world: KubeWorld, line: string): string {
  return line.replace(/\{(pod|cluster) IP of ([^}\s]+)\}/g, (_m, kind: string, ref: string) => {
    const [ns, name] = ref.includes('/') ? ref.split('/') : ['default', ref];
    if (kind === 'pod') {
      const ip = world.cluster.store.get<Pod>('Pod', ns, name)?.status?.podIP;
      if (!ip) throw new AssertionError(`pod ${ns}/${name} has no IP (yet)`);
      return ip;
    }
    const ip = world.cluster.store.get<Service>('Service', ns, name)?.spec.clusterIP;
    if (!ip) throw new AssertionError(`service ${ns}/${name} has no ClusterIP`);
    return ip;
  });
}

function runOn(world: KubeWorld, from: Origin, where: string, line: string): CommandResult {
  const commandLine = expandAddresses(world, line);
  const words = commandLine.trim().split(/\s+/);
  let r: { stdout: string; stderr: string; exitCode: number };
  if (words[0] === 'curl') r = runCurl(world.cluster, from, curlArgs(commandLine));
  else if (words[0] === 'crictl' && 'node' in from) r = runCrictl(world.cluster, from.node, words.slice(1));
  else if (words[0] === 'kubectl') throw new UserError(`run kubectl commands with "When I run \\"${commandLine}\\"" (kubectl runs on the control-plane node)`);
  else throw new NotSupportedError(`running "${commandLine}" ${where} (only curl${'node' in from ? ' and crictl' : ''})`);
  const result = { command: commandLine.trim(), ...r };
  world.last = result;
  return result;
}

function mustRunOn(world: KubeWorld, from: Origin, where: string, commandLine: string): void {
  const r = runOn(world, from, where, commandLine);
  if (r.exitCode !== 0) throw new AssertionError(`\`${r.command}\` ${where} failed (exit code ${r.exitCode}):\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}---`);
}

const nodeOrigin = (world: KubeWorld, node: string): Origin => {
  nodeFs(world.cluster, node); // fails readably when there is no such node
  return { node };
};

When('I run {string} on node {node}', function (this: KubeWorld, line: string, node: string) {
  mustRunOn(this, nodeOrigin(this, node), `on node ${node}`, line);
});
When('I run {string} from node {node}', function (this: KubeWorld, line: string, node: string) {
  mustRunOn(this, nodeOrigin(this, node), `on node ${node}`, line);
});
When('I try to run {string} on node {node}', function (this: KubeWorld, line: string, node: string) {
  runOn(this, nodeOrigin(this, node), `on node ${node}`, line);
});
When('I try to run {string} from node {node}', function (this: KubeWorld, line: string, node: string) {
  runOn(this, nodeOrigin(this, node), `on node ${node}`, line);
});
When('I run {string} from pod {pod}', function (this: KubeWorld, line: string, ref: ObjRef) {
  mustRunOn(this, { pod: mustGetPod(this, ref) }, `in pod ${formatRef(ref)}`, line);
});
When('I try to run {string} from pod {pod}', function (this: KubeWorld, line: string, ref: ObjRef) {
  runOn(this, { pod: mustGetPod(this, ref) }, `in pod ${formatRef(ref)}`, line);
});

// ---- node files (static pods) ----------------------------------------------------------------

When('I write the file {string} on node {node}:', function (this: KubeWorld, path: string, node: string, text: string) {
  nodeFs(this.cluster, node).write(path, text.endsWith('\n') ? text : `${text}\n`);
  this.cluster.settle();
});

When('I delete the file {string} on node {node}', function (this: KubeWorld, path: string, node: string) {
  if (!nodeFs(this.cluster, node).remove(path)) throw new UserError(`there is no file ${path} on node ${node}`);
  this.cluster.settle();
});

// ---- waiting on the virtual clock --------------------------------------------------------------

Then('within {span} pod {pod} is {phase}', function (this: KubeWorld, ms: number, ref: ObjRef, phase: PodPhase) {
  within(this, ms, ref, `to be ${phase}`, (p) => p?.status?.phase === phase);
});

Then('within {span} pod {pod} shows status {string}', function (this: KubeWorld, ms: number, ref: ObjRef, status: string) {
  within(this, ms, ref, `to show STATUS ${status}`, (p) => !!p && podCells(p, this.cluster.clock).status === status);
});

Then('within {span} pod {pod} has {int} restart(s)', function (this: KubeWorld, ms: number, ref: ObjRef, n: number) {
  within(this, ms, ref, `to have ${n} restart(s)`, (p) => !!p && podCells(p, this.cluster.clock).restarts.split(' ')[0] === String(n));
});

Then('within {span} pod {pod} no longer exists', function (this: KubeWorld, ms: number, ref: ObjRef) {
  within(this, ms, ref, 'to be gone', (p) => p === undefined);
});

Then('within {span} pod {pod} exists', function (this: KubeWorld, ms: number, ref: ObjRef) {
  within(this, ms, ref, 'to exist', (p) => p !== undefined);
});

// ---- kubectl get pods cells, containers, events ------------------------------------------------

Then('pod {pod} shows status {string}', function (this: KubeWorld, ref: ObjRef, status: string) {
  const pod = mustGetPod(this, ref);
  const got = podCells(pod, this.cluster.clock).status;
  if (got !== status) throw new AssertionError(`expected pod ${formatRef(ref)} to show STATUS ${status}, but it shows ${got}: ${podSummary(this.cluster, pod)}`);
});

Then('pod {pod} shows ready {string}', function (this: KubeWorld, ref: ObjRef, ready: string) {
  const pod = mustGetPod(this, ref);
  const got = podCells(pod, this.cluster.clock).ready;
  if (got !== ready) throw new AssertionError(`expected pod ${formatRef(ref)} to show READY ${ready}, but it shows ${got}: ${podSummary(this.cluster, pod)}`);
});

Then('pod {pod} shows restarts {string}', function (this: KubeWorld, ref: ObjRef, restarts: string) {
  const pod = mustGetPod(this, ref);
  const got = podCells(pod, this.cluster.clock).restarts;
  if (got !== restarts) throw new AssertionError(`expected pod ${formatRef(ref)} to show RESTARTS ${JSON.stringify(restarts)}, but it shows ${JSON.stringify(got)}: ${podSummary(this.cluster, pod)}`);
});

Then('pod {pod} has {int} restart(s)', function (this: KubeWorld, ref: ObjRef, n: number) {
  const pod = mustGetPod(this, ref);
  const got = podCells(pod, this.cluster.clock).restarts.split(' ')[0];
  if (got !== String(n)) throw new AssertionError(`expected pod ${formatRef(ref)} to have ${n} restart(s), but it has ${got}: ${podSummary(this.cluster, pod)}`);
});

function assertContainer(world: KubeWorld, name: string, ref: ObjRef, what: string, ok: (s: NonNullable<ReturnType<typeof containerStatus>>) => boolean): void {
  const pod = mustGetPod(world, ref);
  const s = containerStatus(pod, name);
  if (!s) throw new AssertionError(`pod ${formatRef(ref)} has no status for a container ${name}: ${podSummary(world.cluster, pod)}`);
  if (!ok(s)) throw new AssertionError(`expected container ${name} of pod ${formatRef(ref)} ${what}, but it is ${stateText(s.state)}${s.lastState?.terminated ? ` (last state: ${stateText(s.lastState)})` : ''}, restarts ${s.restartCount}`);
}

Then('container {word} of pod {pod} is running', function (this: KubeWorld, name: string, ref: ObjRef) {
  assertContainer(this, name, ref, 'to be running', (s) => !!s.state.running);
});

Then('container {word} of pod {pod} is ready', function (this: KubeWorld, name: string, ref: ObjRef) {
  assertContainer(this, name, ref, 'to be ready', (s) => s.ready);
});

Then('container {word} of pod {pod} is waiting with reason {string}', function (this: KubeWorld, name: string, ref: ObjRef, reason: string) {
  assertContainer(this, name, ref, `to be waiting with reason ${reason}`, (s) => s.state.waiting?.reason === reason);
});

Then('container {word} of pod {pod} is waiting with a message starting {string}', function (this: KubeWorld, name: string, ref: ObjRef, prefix: string) {
  const pod = mustGetPod(this, ref);
  const msg = containerStatus(pod, name)?.state.waiting?.message;
  if (!msg?.startsWith(prefix)) throw new AssertionError(`expected container ${name} of pod ${formatRef(ref)} to be waiting with a message starting ${JSON.stringify(prefix)}, but the message is ${JSON.stringify(msg)}: ${podSummary(this.cluster, pod)}`);
});

Then('container {word} of pod {pod} terminated with reason {string} and exit code {int}', function (this: KubeWorld, name: string, ref: ObjRef, reason: string, code: number) {
  assertContainer(this, name, ref, `to be terminated with reason ${reason} and exit code ${code}`, (s) => s.state.terminated?.reason === reason && s.state.terminated.exitCode === code);
});

Then('container {word} of pod {pod} last terminated with reason {string} and exit code {int}', function (this: KubeWorld, name: string, ref: ObjRef, reason: string, code: number) {
  assertContainer(this, name, ref, `to have last terminated with reason ${reason} and exit code ${code}`, (s) => s.lastState?.terminated?.reason === reason && s.lastState.terminated.exitCode === code);
});

/**
 * The events about a pod, oldest first. Events outlive their pod (the API server keeps them for
 * --event-ttl, an hour by default: kubectl get events still lists them), so a deleted pod's events
 * are found by name; a pod that exists has only its own (same uid), not those of an earlier pod
 * of that name.
 */
function podEvents(world: KubeWorld, ref: ObjRef): CoreEvent[] {
  const pod = getPod(world.cluster.store, ref);
  const events = world.cluster.events.for(pod ?? { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ref.namespace, name: ref.name } });
  if (!pod && events.length === 0) mustGetPod(world, ref); // neither the pod nor any event about it: say which pods exist
  return events;
}

const eventList = (events: CoreEvent[]) => events.map((e) => `  ${e.type} ${e.reason}: ${e.message}`).join('\n') || '  (none)';

Then('pod {pod} has a(n) {string} event {string}', function (this: KubeWorld, ref: ObjRef, reason: string, message: string) {
  const events = podEvents(this, ref);
  if (!events.some((e) => e.reason === reason && e.message === message)) {
    throw new AssertionError(`expected pod ${formatRef(ref)} to have a ${reason} event ${JSON.stringify(message)}; its events are:\n${eventList(events)}`);
  }
});

Then('pod {pod} has a(n) {string} event starting {string}', function (this: KubeWorld, ref: ObjRef, reason: string, prefix: string) {
  const events = podEvents(this, ref);
  if (!events.some((e) => e.reason === reason && (e.message ?? '').startsWith(prefix))) {
    throw new AssertionError(`expected pod ${formatRef(ref)} to have a ${reason} event starting ${JSON.stringify(prefix)}; its events are:\n${eventList(events)}`);
  }
});

Then('pod {pod} has no {string} event', function (this: KubeWorld, ref: ObjRef, reason: string) {
  const found = podEvents(this, ref).filter((e) => e.reason === reason);
  if (found.length) throw new AssertionError(`expected pod ${formatRef(ref)} to have no ${reason} event, but it has: ${found.map((e) => e.message).join(' | ')}`);
});

// ---- existence, sandboxes, jobs ----------------------------------------------------------------

Then('pod {pod} exists', function (this: KubeWorld, ref: ObjRef) {
  mustGetPod(this, ref);
});

Then('pod {pod} does not exist', function (this: KubeWorld, ref: ObjRef) {
  const pod = getPod(this.cluster.store, ref);
  if (pod) throw new AssertionError(`expected no pod ${formatRef(ref)}, but it exists: ${podSummary(this.cluster, pod)}`);
});

Then('node {node} has {int} sandbox(es) for pod {pod}', function (this: KubeWorld, node: string, n: number, ref: ObjRef) {
  nodeFs(this.cluster, node);
  const boxes = runtimeSandboxes(this.cluster, node).filter((s) => s.name === ref.name && s.namespace === ref.namespace);
  if (boxes.length !== n) throw new AssertionError(`expected ${n} sandbox(es) of pod ${formatRef(ref)} on node ${node}, but there are ${boxes.length}`);
});

Then('job {word} is complete', function (this: KubeWorld, name: string) {
  const ns = name.includes('/') ? name.split('/')[0] : 'default';
  const job = this.cluster.store.get<Job>('Job', ns, name.split('/').at(-1)!);
  if (!job) throw new AssertionError(`there is no job ${ns}/${name}`);
  const done = (job.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');
  if (!done) throw new AssertionError(`expected job ${ns}/${name} to be complete, but its status is ${JSON.stringify(job.status ?? {})}`);
});
