// Steps for the pod lifecycle on the virtual clock: waiting until something holds
// (`Then within 5 minutes pod web is Running`), the STATUS / READY / RESTARTS cells of
// `kubectl get pods`, container states, events, static pod manifests on a node's filesystem,
// commands run on a node or in a pod that are not kubectl (`crictl pods|ps [-a]`, `curl …`),
// sandboxes, and Job completion. Output of node/pod commands becomes "the last command", so the
// kubectl output assertions (`Then the output is:` …) apply to it. On a real cluster, the waits
// poll the API for their span (or the run's timeout); commands on nodes, node files, sandboxes
// and the RESTARTS cell's age are the simulator's.

import { defineParameterType, Then, When } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { CoreEvent, Job, Pod, Service } from '../src/api/types.ts';
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
import { containerStatus, parseSpan, podSummary, stateText } from './lib/lifecycle.ts';
import type { ClusterView } from './lib/backend.ts';
import { NEEDS, simulatorOnly } from './lib/portability.ts';

/** A span of virtual time: `30 seconds`, `1 minute`, `2 hours`. */
defineParameterType({
  name: 'span',
  regexp: /\d+ [a-z]+/,
  transformer: (s: string) => parseSpan(s),
  useForSnippets: false,
});

const mustGetPod = (world: KubeWorld, ref: ObjRef): Pod => mustGetPodFrom(world.cluster.store, ref);

const seen = (v: ClusterView, ref: ObjRef) => {
  const pod = getPod(v.store, ref);
  return pod ? podSummary(v, pod) : 'the pod does not exist';
};

const spanText = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} minute(s)` : `${ms / 1000} second(s)`);

/** Waits (virtual time; on a real cluster, polling) until `check` holds for the pod, or fails with what it saw. */
function within(
  world: KubeWorld,
  ms: number,
  ref: ObjRef,
  what: string,
  check: (pod: Pod | undefined, v: ClusterView) => boolean,
): Promise<void> {
  const holds = (v: ClusterView) => check(getPod(v.store, ref), v);
  const time = world.backend.kind === 'simulator' ? ' of virtual time' : '';
  return world.backend.expect(
    { namespaces: [ref.namespace] },
    (v) => {
      if (!holds(v))
        throw new AssertionError(
          `expected pod ${formatRef(ref)} ${what} within ${spanText(ms)}${time}, but after waiting it shows: ${seen(v, ref)}`,
        );
    },
    { withinMs: ms, holds },
  );
}

/** Checks the pod (polled on a real cluster); a pod that does not exist fails naming the pods that do. */
function expectPod(world: KubeWorld, ref: ObjRef, check: (pod: Pod, v: ClusterView) => void): Promise<void> {
  return world.backend.expect({ namespaces: [ref.namespace], events: true }, (v) =>
    check(mustGetPodFrom(v.store, ref), v),
  );
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
  else if (words[0] === 'kubectl')
    throw new UserError(
      `run kubectl commands with "When I run \\"${commandLine}\\"" (kubectl runs on the control-plane node)`,
    );
  else
    throw new NotSupportedError(`running "${commandLine}" ${where} (only curl${'node' in from ? ' and crictl' : ''})`);
  const result = { command: commandLine.trim(), ...r };
  world.last = result;
  return result;
}

function mustRunOn(world: KubeWorld, from: Origin, where: string, commandLine: string): void {
  const r = runOn(world, from, where, commandLine);
  if (r.exitCode !== 0)
    throw new AssertionError(
      `\`${r.command}\` ${where} failed (exit code ${r.exitCode}):\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}---`,
    );
}

const nodeOrigin = (world: KubeWorld, node: string): Origin => {
  nodeFs(world.cluster, node); // fails readably when there is no such node
  return { node };
};

/**
 * Runs `crictl pods`, `crictl ps` or `crictl ps -a` (printed as cri-tools prints them) or `curl
 * [-s] [-S] [http://]HOST[:PORT][/]` on the node; fails on a non-zero exit. `{pod IP of NAME}` and
 * `{cluster IP of NAME}` in the command are replaced by the live addresses. The output becomes the
 * last command's, for the output assertions.
 * @example When I run "crictl ps -a" on node w3-k8s
 */
When(
  'I run {string} on node {node}',
  simulatorOnly(NEEDS.nodeCommands, function (this: KubeWorld, line: string, node: string) {
    mustRunOn(this, nodeOrigin(this, node), `on node ${node}`, line);
  }),
);
/**
 * The same (reads better for curl). `localhost` on the control-plane node, where kubectl runs,
 * reaches `kubectl port-forward`s.
 * @example When I run "curl {pod IP of webserver2}:8080" from node w1-k8s
 */
When(
  'I run {string} from node {node}',
  simulatorOnly(NEEDS.nodeCommands, function (this: KubeWorld, line: string, node: string) {
    mustRunOn(this, nodeOrigin(this, node), `on node ${node}`, line);
  }),
);
/**
 * The same, recording a failure instead of failing the step.
 * @example When I try to run "crictl pods" on node w1-k8s
 */
When(
  'I try to run {string} on node {node}',
  simulatorOnly(NEEDS.nodeCommands, function (this: KubeWorld, line: string, node: string) {
    runOn(this, nodeOrigin(this, node), `on node ${node}`, line);
  }),
);
/**
 * The same, recording a failure instead of failing the step.
 * @example When I try to run "curl 10.96.0.20:80" from node w1-k8s
 */
When(
  'I try to run {string} from node {node}',
  simulatorOnly(NEEDS.nodeCommands, function (this: KubeWorld, line: string, node: string) {
    runOn(this, nodeOrigin(this, node), `on node ${node}`, line);
  }),
);
/**
 * curl inside the pod (cluster DNS applies: `web`, `web.default.svc.cluster.local`); only images
 * that ship curl (nginx, centos:7).
 * @example When I run "curl web:8000" from pod client
 */
When(
  'I run {string} from pod {pod}',
  simulatorOnly(NEEDS.nodeCommands, function (this: KubeWorld, line: string, ref: ObjRef) {
    mustRunOn(this, { pod: mustGetPod(this, ref) }, `in pod ${formatRef(ref)}`, line);
  }),
);
/**
 * The same, recording a failure instead of failing the step.
 * @example When I try to run "curl web:8000" from pod client
 */
When(
  'I try to run {string} from pod {pod}',
  simulatorOnly(NEEDS.nodeCommands, function (this: KubeWorld, line: string, ref: ObjRef) {
    runOn(this, { pod: mustGetPod(this, ref) }, `in pod ${formatRef(ref)}`, line);
  }),
);

// ---- node files (static pods) ----------------------------------------------------------------

/**
 * Writes the doc string to a file on the node's simulated filesystem and settles the cluster (the
 * kubelet reads its `staticPodPath` from `/var/lib/kubelet/config.yaml`).
 * @example When I write the file "/etc/kubernetes/manifests/static-web.yaml" on node w1-k8s:
 */
When(
  'I write the file {string} on node {node}:',
  simulatorOnly(NEEDS.nodeFiles, function (this: KubeWorld, path: string, node: string, text: string) {
    nodeFs(this.cluster, node).write(path, text.endsWith('\n') ? text : `${text}\n`);
    this.cluster.settle();
  }),
);

/**
 * Removes the file from the node's filesystem (fails if there is none) and settles the cluster.
 * @example When I delete the file "/etc/kubernetes/manifests/static-web.yaml" on node w1-k8s
 */
When(
  'I delete the file {string} on node {node}',
  simulatorOnly(NEEDS.nodeFiles, function (this: KubeWorld, path: string, node: string) {
    if (!nodeFs(this.cluster, node).remove(path)) throw new UserError(`there is no file ${path} on node ${node}`);
    this.cluster.settle();
  }),
);

// ---- waiting on the virtual clock --------------------------------------------------------------

/**
 * Moves the clock timer by timer and passes at the moment the pod reaches the phase; fails at the
 * end of the span showing the pod's phase, its STATUS/READY/RESTARTS cells and each container's
 * state.
 * @example Then within 5 minutes pod myapp-pod is Running
 */
Then('within {span} pod {pod} is {phase}', function (this: KubeWorld, ms: number, ref: ObjRef, phase: PodPhase) {
  return within(this, ms, ref, `to be ${phase}`, (p) => p?.status?.phase === phase);
});

/**
 * The same, until the STATUS cell of `kubectl get pods` shows the text.
 * @example Then within 1 minute pod crasher shows status "CrashLoopBackOff"
 */
Then(
  'within {span} pod {pod} shows status {string}',
  function (this: KubeWorld, ms: number, ref: ObjRef, status: string) {
    return within(this, ms, ref, `to show STATUS ${status}`, (p, v) => !!p && podCells(p, v.clock).status === status);
  },
);

/**
 * The same, until the RESTARTS count reaches the number.
 * @example Then within 30 seconds pod crasher has 2 restarts
 */
Then('within {span} pod {pod} has {int} restart(s)', function (this: KubeWorld, ms: number, ref: ObjRef, n: number) {
  return within(
    this,
    ms,
    ref,
    `to have ${n} restart(s)`,
    (p, v) => !!p && podCells(p, v.clock).restarts.split(' ')[0] === String(n),
  );
});

/**
 * The same, until the pod object is gone.
 * @example Then within 1 minute pod static-web-w1-k8s no longer exists
 */
Then('within {span} pod {pod} no longer exists', function (this: KubeWorld, ms: number, ref: ObjRef) {
  return within(this, ms, ref, 'to be gone', (p) => p === undefined);
});

/**
 * The same, until the pod object exists.
 * @example Then within 30 seconds pod static-web-w1-k8s exists
 */
Then('within {span} pod {pod} exists', function (this: KubeWorld, ms: number, ref: ObjRef) {
  return within(this, ms, ref, 'to exist', (p) => p !== undefined);
});

// ---- kubectl get pods cells, containers, events ------------------------------------------------

/**
 * Passes when the STATUS cell of `kubectl get pods` shows the text now (printPod's rules:
 * `Init:0/2`, `PodInitializing`, `Completed`, `OOMKilled`, `Terminating` …).
 * @example Then pod crasher shows status "CrashLoopBackOff"
 */
Then('pod {pod} shows status {string}', function (this: KubeWorld, ref: ObjRef, status: string) {
  return expectPod(this, ref, (pod, v) => {
    const got = podCells(pod, v.clock).status;
    if (got !== status)
      throw new AssertionError(
        `expected pod ${formatRef(ref)} to show STATUS ${status}, but it shows ${got}: ${podSummary(v, pod)}`,
      );
  });
});

/**
 * Passes when the READY cell shows the text.
 * @example Then pod multipod shows ready "2/2"
 */
Then('pod {pod} shows ready {string}', function (this: KubeWorld, ref: ObjRef, ready: string) {
  return expectPod(this, ref, (pod, v) => {
    const got = podCells(pod, v.clock).ready;
    if (got !== ready)
      throw new AssertionError(
        `expected pod ${formatRef(ref)} to show READY ${ready}, but it shows ${got}: ${podSummary(v, pod)}`,
      );
  });
});

/**
 * Passes when the RESTARTS cell shows exactly the text.
 * @example Then pod crasher shows restarts "3 (20s ago)"
 */
Then(
  'pod {pod} shows restarts {string}',
  simulatorOnly(NEEDS.restartsAge, function (this: KubeWorld, ref: ObjRef, restarts: string) {
    const pod = mustGetPod(this, ref);
    const got = podCells(pod, this.cluster.clock).restarts;
    if (got !== restarts)
      throw new AssertionError(
        `expected pod ${formatRef(ref)} to show RESTARTS ${JSON.stringify(restarts)}, but it shows ${JSON.stringify(got)}: ${podSummary(this.cluster, pod)}`,
      );
  }),
);

/**
 * Passes when the restart count (the sum over containers, as the RESTARTS cell shows it) is the
 * number.
 * @example Then pod leaky has 1 restart
 */
Then('pod {pod} has {int} restart(s)', function (this: KubeWorld, ref: ObjRef, n: number) {
  return expectPod(this, ref, (pod, v) => {
    const got = podCells(pod, v.clock).restarts.split(' ')[0];
    if (got !== String(n))
      throw new AssertionError(
        `expected pod ${formatRef(ref)} to have ${n} restart(s), but it has ${got}: ${podSummary(v, pod)}`,
      );
  });
});

function assertContainer(
  world: KubeWorld,
  name: string,
  ref: ObjRef,
  what: string,
  ok: (s: NonNullable<ReturnType<typeof containerStatus>>) => boolean,
): Promise<void> {
  return expectPod(world, ref, (pod, v) => {
    const s = containerStatus(pod, name);
    if (!s)
      throw new AssertionError(`pod ${formatRef(ref)} has no status for a container ${name}: ${podSummary(v, pod)}`);
    if (!ok(s))
      throw new AssertionError(
        `expected container ${name} of pod ${formatRef(ref)} ${what}, but it is ${stateText(s.state)}${s.lastState?.terminated ? ` (last state: ${stateText(s.lastState)})` : ''}, restarts ${s.restartCount}`,
      );
  });
}

/**
 * Passes when the container's state is running.
 * @example Then container app of pod web is running
 */
Then('container {word} of pod {pod} is running', function (this: KubeWorld, name: string, ref: ObjRef) {
  return assertContainer(this, name, ref, 'to be running', (s) => !!s.state.running);
});

/**
 * Passes when the container's ready flag is true.
 * @example Then container app of pod web is ready
 */
Then('container {word} of pod {pod} is ready', function (this: KubeWorld, name: string, ref: ObjRef) {
  return assertContainer(this, name, ref, 'to be ready', (s) => s.ready);
});

/**
 * Passes when the container's `state.waiting.reason` is the text.
 * @example Then container app of pod myapp-pod is waiting with reason "PodInitializing"
 */
Then(
  'container {word} of pod {pod} is waiting with reason {string}',
  function (this: KubeWorld, name: string, ref: ObjRef, reason: string) {
    return assertContainer(
      this,
      name,
      ref,
      `to be waiting with reason ${reason}`,
      (s) => s.state.waiting?.reason === reason,
    );
  },
);

/**
 * Passes when the container's `state.waiting.message` starts with the text (back-off messages end
 * with the pod's uid).
 * @example Then container app of pod crasher is waiting with a message starting "back-off 20s restarting failed container=app"
 */
Then(
  'container {word} of pod {pod} is waiting with a message starting {string}',
  function (this: KubeWorld, name: string, ref: ObjRef, prefix: string) {
    return expectPod(this, ref, (pod, v) => {
      const msg = containerStatus(pod, name)?.state.waiting?.message;
      if (!msg?.startsWith(prefix))
        throw new AssertionError(
          `expected container ${name} of pod ${formatRef(ref)} to be waiting with a message starting ${JSON.stringify(prefix)}, but the message is ${JSON.stringify(msg)}: ${podSummary(v, pod)}`,
        );
    });
  },
);

/**
 * Passes when the container's `state.terminated` has that reason and exit code.
 * @example Then container job of pod broken terminated with reason "Error" and exit code 3
 */
Then(
  'container {word} of pod {pod} terminated with reason {string} and exit code {int}',
  function (this: KubeWorld, name: string, ref: ObjRef, reason: string, code: number) {
    return assertContainer(
      this,
      name,
      ref,
      `to be terminated with reason ${reason} and exit code ${code}`,
      (s) => s.state.terminated?.reason === reason && s.state.terminated.exitCode === code,
    );
  },
);

/**
 * Passes when the container's `lastState.terminated` (its previous instance) has that reason and
 * exit code.
 * @example Then container app of pod leaky last terminated with reason "OOMKilled" and exit code 137
 */
Then(
  'container {word} of pod {pod} last terminated with reason {string} and exit code {int}',
  function (this: KubeWorld, name: string, ref: ObjRef, reason: string, code: number) {
    return assertContainer(
      this,
      name,
      ref,
      `to have last terminated with reason ${reason} and exit code ${code}`,
      (s) => s.lastState?.terminated?.reason === reason && s.lastState.terminated.exitCode === code,
    );
  },
);

/**
 * The events about a pod, oldest first. Events outlive their pod (the API server keeps them for
 * --event-ttl, an hour by default: kubectl get events still lists them), so a deleted pod's events
 * are found by name; a pod that exists has only its own (same uid), not those of an earlier pod
 * of that name.
 */
function podEvents(v: ClusterView, ref: ObjRef): CoreEvent[] {
  const pod = getPod(v.store, ref);
  const events = v.events(
    pod ?? { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ref.namespace, name: ref.name } },
  );
  if (!pod && events.length === 0) mustGetPodFrom(v.store, ref); // neither the pod nor any event about it: say which pods exist
  return events;
}

/** Checks the pod's events (polled on a real cluster). */
function expectEvents(world: KubeWorld, ref: ObjRef, check: (events: CoreEvent[]) => void): Promise<void> {
  return world.backend.expect({ namespaces: [ref.namespace], events: true }, (v) => check(podEvents(v, ref)));
}

const eventList = (events: CoreEvent[]) =>
  events.map((e) => `  ${e.type} ${e.reason}: ${e.message}`).join('\n') || '  (none)';

/**
 * Passes when an event about the pod has exactly that reason and message. Events outlive their pod,
 * as `kubectl get events` shows, so this also reads the events of a pod that is gone (preempted,
 * evicted, deleted).
 * @example Then pod bad has a "Failed" event "Error: ErrImagePull"
 */
Then(
  'pod {pod} has a(n) {string} event {string}',
  function (this: KubeWorld, ref: ObjRef, reason: string, message: string) {
    return expectEvents(this, ref, (events) => {
      if (!events.some((e) => e.reason === reason && e.message === message)) {
        throw new AssertionError(
          `expected pod ${formatRef(ref)} to have a ${reason} event ${JSON.stringify(message)}; its events are:\n${eventList(events)}`,
        );
      }
    });
  },
);

/**
 * The same, by the start of the message.
 * @example Then pod crasher has a "BackOff" event starting "Back-off restarting failed container"
 */
Then(
  'pod {pod} has a(n) {string} event starting {string}',
  function (this: KubeWorld, ref: ObjRef, reason: string, prefix: string) {
    return expectEvents(this, ref, (events) => {
      if (!events.some((e) => e.reason === reason && (e.message ?? '').startsWith(prefix))) {
        throw new AssertionError(
          `expected pod ${formatRef(ref)} to have a ${reason} event starting ${JSON.stringify(prefix)}; its events are:\n${eventList(events)}`,
        );
      }
    });
  },
);

/**
 * Passes when no event about the pod has that reason.
 * @example Then pod web has no "NotModelled" event
 */
Then('pod {pod} has no {string} event', function (this: KubeWorld, ref: ObjRef, reason: string) {
  return expectEvents(this, ref, (events) => {
    const found = events.filter((e) => e.reason === reason);
    if (found.length)
      throw new AssertionError(
        `expected pod ${formatRef(ref)} to have no ${reason} event, but it has: ${found.map((e) => e.message).join(' | ')}`,
      );
  });
});

// ---- existence, sandboxes, jobs ----------------------------------------------------------------

/**
 * Passes when the pod object exists.
 * @example Then pod webserver exists
 */
Then('pod {pod} exists', function (this: KubeWorld, ref: ObjRef) {
  return expectPod(this, ref, () => {});
});

/**
 * Passes when there is no such pod object.
 * @example Then pod webserver does not exist
 */
Then('pod {pod} does not exist', function (this: KubeWorld, ref: ObjRef) {
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) => {
    const pod = getPod(v.store, ref);
    if (pod) throw new AssertionError(`expected no pod ${formatRef(ref)}, but it exists: ${podSummary(v, pod)}`);
  });
});

/**
 * Passes when the node's container runtime holds that many sandboxes (pause containers) of the pod.
 * @example Then node w3-k8s has 1 sandbox for pod web
 */
Then(
  'node {node} has {int} sandbox(es) for pod {pod}',
  simulatorOnly(NEEDS.sandboxes, function (this: KubeWorld, node: string, n: number, ref: ObjRef) {
    nodeFs(this.cluster, node);
    const boxes = runtimeSandboxes(this.cluster, node).filter(
      (s) => s.name === ref.name && s.namespace === ref.namespace,
    );
    if (boxes.length !== n)
      throw new AssertionError(
        `expected ${n} sandbox(es) of pod ${formatRef(ref)} on node ${node}, but there are ${boxes.length}`,
      );
  }),
);

/**
 * Passes when the Job (`NAME` or `NAMESPACE/NAME`) has the condition `Complete=True`.
 * @example Then job pi is complete
 */
Then('job {word} is complete', function (this: KubeWorld, name: string) {
  const ns = name.includes('/') ? name.split('/')[0] : 'default';
  return this.backend.expect({ namespaces: [ns] }, (v) => {
    const job = v.store.get<Job>('Job', ns, name.split('/').at(-1)!);
    if (!job) throw new AssertionError(`there is no job ${ns}/${name}`);
    const done = (job.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');
    if (!done)
      throw new AssertionError(
        `expected job ${ns}/${name} to be complete, but its status is ${JSON.stringify(job.status ?? {})}`,
      );
  });
});
