// What a container does — the simulator runs no code, so every container gets a behaviour:
// a small program the kubelet executes on the virtual clock (log lines, sleeps, DNS look-ups,
// an exit code, or "runs until stopped"). Sources, in order of precedence:
//  1. annotations on the pod (per container `kube-scenarios.io/<setting>.<container>` wins over
//     the pod-wide `kube-scenarios.io/<setting>`):
//       exit-code        the container exits with this code after its run duration (default at once)
//       run-duration     it runs this long (Go duration: 30s, 2m) before exiting (code 0 unless exit-code)
//       memory           memory use over time: `<time>=<quantity>` points, e.g. `0s=50Mi,20s=300Mi`;
//                        above the memory limit the container is OOMKilled (exit 137)
//       readiness-delay  the container turns ready this long after it starts
//       image-pull-error the image cannot be pulled; the value is the runtime's error text
//                        (`true` gives the registry's "not found" answer)
//       ignore-sigterm   `true`/`false`: whether PID 1 ignores SIGTERM (killed after the grace period)
//  2. the command/args, read as a shell script (`sh -c '…'`) or a plain command: `sleep N`,
//     `sleep infinity`, `echo …`, `exit N`, `true`, `false`, `&&`, `||`, `;`, `exec`,
//     `until nslookup <name>; do …; done` (resolved against the cluster DNS), `while true; do …; done`,
//     `tail -f /dev/null`, `stress --vm-bytes X` (memory use X), and the servers of well-known images;
//  3. the image's default (imagecatalogue.ts): nginx, httpd and redis are servers that log their start-up
//     lines and run until stopped; busybox, alpine, ubuntu, centos, debian exit 0 at once.
// Anything else is treated as long-running and reported once as a Warning `NotModelled` event.

import type { Container, Pod } from '../api/types.ts';
import { parseQuantity } from '../api/quantity.ts';
import { UserError } from '../util/errors.ts';
import { imageInfo } from './imagecatalogue.ts';
import { parseScript, type ShellNode } from './shell.ts';

export const ANNOTATION_PREFIX = 'kube-scenarios.io/';

// ---- the program -----------------------------------------------------------------------------

/** What the kubelet needs from the cluster while a program runs. */
export interface RunContext {
  log(line: string): void;
  /** true when the DNS name resolves for this pod (search path applied). */
  resolves(name: string): boolean;
}

/** A step the program asks the kubelet for: wait this long, or run until stopped. */
export type Yield = { sleepMs: number } | { forever: true };

export interface Behaviour {
  /** The program to run; its return value is the exit code. */
  run(ctx: RunContext): Generator<Yield, number>;
  /** PID 1 ignores SIGTERM (sleep, sh): it is killed when the grace period ends. */
  ignoresSigterm: boolean;
  /** Memory use over time (ms since start → bytes), ascending; empty when not modelled. */
  memory: { atMs: number; bytes: number }[];
  /** Ready this long after start (annotation). */
  readinessDelayMs: number;
  /** Ports the process listens on (servers of well-known images). */
  listens: readonly number[];
  /** The text that was not understood, when the behaviour is a guess. */
  notModelled?: string;
}

/** Long-running programs of the images the lab and common manifests use. */
const SERVERS = new Set([
  'nginx',
  'httpd',
  'httpd-foreground',
  'redis-server',
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'coredns',
  'calico-node',
  'pause',
  'apache2-foreground',
  'apache2ctl',
]);
/** One-shot programs that succeed (calico's init containers). */
const ONE_SHOTS = new Set(['install', 'calico-ipam']);

// ---- durations and annotations -------------------------------------------------------------

/** Go-style durations: 1h2m3s, 1.5s, 500ms, or a bare number of seconds. */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    if (m.index !== consumed) break;
    consumed += m[0].length;
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
  }
  if (consumed !== t.length || consumed === 0)
    throw new UserError(`invalid duration "${text}": expected e.g. 30s, 2m, 1h30m or 500ms`);
  return Math.round(total);
}

/** The annotation for a container: `kube-scenarios.io/<key>.<container>` first, then `kube-scenarios.io/<key>`. */
export function annotation(pod: Pod, container: string, key: string): string | undefined {
  const a = pod.metadata.annotations;
  if (!a || !hasBehaviourAnnotations(a)) return undefined;
  return a[`${ANNOTATION_PREFIX}${key}.${container}`] ?? a[`${ANNOTATION_PREFIX}${key}`];
}

/** Whether an annotations object (stored objects are never changed in place) holds any behaviour annotation. */
const withBehaviour = new WeakMap<Record<string, string>, boolean>();
function hasBehaviourAnnotations(a: Record<string, string>): boolean {
  let has = withBehaviour.get(a);
  if (has === undefined) {
    has = Object.keys(a).some((k) => k.startsWith(ANNOTATION_PREFIX));
    withBehaviour.set(a, has);
  }
  return has;
}

function parseMemory(text: string): { atMs: number; bytes: number }[] {
  return text
    .split(',')
    .map((part) => {
      const [t, q] = part.includes('=') ? part.split('=') : ['0s', part];
      try {
        return { atMs: parseDuration(t), bytes: parseQuantity(q.trim()) };
      } catch (e) {
        throw new UserError(
          `invalid ${ANNOTATION_PREFIX}memory value "${text}": expected <time>=<quantity> points such as 0s=50Mi,20s=300Mi (${(e as Error).message})`,
        );
      }
    })
    .sort((a, b) => a.atMs - b.atMs);
}

// ---- building a behaviour --------------------------------------------------------------------

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

function* runForever(): Generator<Yield, number> {
  yield { forever: true };
  return 0;
}

function* runNode(n: ShellNode, ctx: RunContext): Generator<Yield, number> {
  switch (n.kind) {
    case 'seq': {
      let s = 0;
      for (const x of n.items) s = yield* runNode(x, ctx);
      return s;
    }
    case 'and': {
      const s = yield* runNode(n.left, ctx);
      return s === 0 ? yield* runNode(n.right, ctx) : s;
    }
    case 'or': {
      const s = yield* runNode(n.left, ctx);
      return s !== 0 ? yield* runNode(n.right, ctx) : s;
    }
    case 'loop': {
      for (;;) {
        const c = yield* runNode(n.cond, ctx);
        if ((c === 0) === n.until) return 0;
        const slept = { v: false };
        const body = runNode(n.body, ctx);
        let r = body.next();
        while (!r.done) {
          if ('sleepMs' in r.value && r.value.sleepMs > 0) slept.v = true;
          yield r.value;
          r = body.next();
        }
        // A loop that never sleeps (or only `sleep 0`) would spin; nslookup itself takes about a second to fail.
        if (!slept.v) yield { sleepMs: 1000 };
      }
    }
    case 'cmd':
      return yield* runCommand(n.argv, ctx);
  }
}

class Exit {
  constructor(readonly code: number) {}
}

function* runCommand(argv: string[], ctx: RunContext): Generator<Yield, number> {
  const [cmd, ...args] = argv;
  switch (base(cmd)) {
    case 'exec':
      return yield* runCommand(args, ctx);
    case 'true':
    case ':':
      return 0;
    case 'false':
      return 1;
    case 'exit':
      throw new Exit(args.length ? Number(args[0]) & 255 : 0);
    case 'echo': {
      const noNewline = args[0] === '-n';
      ctx.log((noNewline ? args.slice(1) : args).join(' '));
      return 0;
    }
    case 'sleep': {
      if (args[0] === 'infinity') {
        yield { forever: true };
        return 0;
      }
      yield { sleepMs: parseDuration(args[0]) };
      return 0;
    }
    case 'nslookup':
      return ctx.resolves(args.find((a) => !a.startsWith('-')) ?? '') ? 0 : 1;
    case 'tail':
      yield { forever: true };
      return 0;
    case 'stress':
      yield { forever: true };
      return 0;
    default:
      if (SERVERS.has(base(cmd)) && !(base(cmd) === 'calico-node' && args.includes('-init'))) {
        yield { forever: true };
        return 0;
      }
      return 0; // one-shot programs (checked by `understood`)
  }
}

/** Whether every command in the tree is one the model knows. */
function understood(n: ShellNode): boolean {
  switch (n.kind) {
    case 'seq':
      return n.items.every(understood);
    case 'and':
    case 'or':
      return understood(n.left) && understood(n.right);
    case 'loop':
      return understood(n.cond) && understood(n.body);
    case 'cmd': {
      const [cmd, ...args] = n.argv;
      const b = base(cmd);
      if (b === 'exec') return args.length > 0 && understood({ kind: 'cmd', argv: args });
      if (b === 'sleep') {
        try {
          if (args[0] !== 'infinity') parseDuration(args[0] ?? '');
          return args.length === 1;
        } catch {
          return false;
        }
      }
      if (b === 'exit') return args.length <= 1 && (args.length === 0 || /^\d+$/.test(args[0]));
      if (b === 'tail') return args.join(' ') === '-f /dev/null';
      if (b === 'stress') return true;
      if (b === 'calico-node') return true;
      return ['true', ':', 'false', 'echo', 'nslookup'].includes(b) || SERVERS.has(b) || ONE_SHOTS.has(b);
    }
  }
}

/** A program that is a shell (`sh -c '…'`, `sh` alone) or a plain command line. */
function programFor(argv: string[], namespace: string): { node?: ShellNode; shell: boolean; text: string } {
  const text = argv.join(' ');
  if (SHELLS.has(base(argv[0]))) {
    const flags = argv[1] ?? '';
    if (argv.length === 1) return { node: { kind: 'cmd', argv: ['true'] }, shell: true, text };
    if (/^-[a-z]*c[a-z]*$/.test(flags) && argv.length >= 3) {
      try {
        return { node: parseScript(argv[2], namespace), shell: true, text };
      } catch {
        return { shell: true, text };
      }
    }
    return { shell: true, text };
  }
  return { node: { kind: 'cmd', argv }, shell: false, text };
}

/** Bytes used by `stress --vm-bytes X` (the Kubernetes docs' memory example), if given. */
function stressBytes(argv: string[]): number | undefined {
  if (base(argv[0] ?? '') !== 'stress') return undefined;
  const i = argv.indexOf('--vm-bytes');
  return i >= 0 && argv[i + 1]
    ? parseQuantity(argv[i + 1].replace(/([KMGT])$/i, (u) => `${u.toUpperCase()}i`))
    : undefined;
}

/** The behaviour of one container of a pod. */
export function behaviourOf(pod: Pod, c: Container): Behaviour {
  const ann = (k: string) => annotation(pod, c.name, k);
  const info = imageInfo(c.image ?? '');
  const namespace = pod.metadata.namespace ?? 'default';
  let argv: string[] | undefined;
  if (c.command?.length) argv = [...c.command, ...(c.args ?? [])];
  else if (c.args?.length) argv = info?.entrypoint ? [info.entrypoint, ...c.args] : [...c.args];

  const b: Behaviour = { run: runForever, ignoresSigterm: false, memory: [], readinessDelayMs: 0, listens: [] };
  const exitCode = ann('exit-code');
  const runDuration = ann('run-duration');
  if (exitCode !== undefined || runDuration !== undefined) {
    const code = exitCode === undefined ? 0 : Number(exitCode);
    if (!Number.isInteger(code) || code < 0 || code > 255)
      throw new UserError(`invalid ${ANNOTATION_PREFIX}exit-code "${exitCode}": expected an integer 0–255`);
    const ms = runDuration === undefined ? 0 : parseDuration(runDuration);
    b.run = function* () {
      if (ms > 0) yield { sleepMs: ms };
      return code;
    };
    b.listens = info?.ports ?? [];
  } else if (!argv) {
    if (info?.default === 'exit0') {
      // biome-ignore lint/correctness/useYield: a container's run is a generator; this one exits at once
      b.run = function* () {
        return 0;
      };
    } else if (info?.default === 'server') {
      const lines = info.startup ?? [];
      b.run = function* (ctx) {
        for (const l of lines) ctx.log(l);
        yield { forever: true };
        return 0;
      };
      b.listens = info.ports ?? [];
    } else b.notModelled = `image ${c.image} with its default command`;
  } else {
    const p = programFor(argv, namespace);
    b.ignoresSigterm = p.shell || base(argv[0]) === 'sleep' || base(argv[0]) === 'tail';
    if (p.node && understood(p.node)) {
      const node = p.node;
      b.run = function* (ctx) {
        if (!p.shell && SERVERS.has(base(argv![0])) && info?.startup) for (const l of info.startup) ctx.log(l);
        try {
          return yield* runNode(node, ctx);
        } catch (e) {
          if (e instanceof Exit) return e.code;
          throw e;
        }
      };
      if (!p.shell && SERVERS.has(base(argv[0]))) b.listens = info?.ports ?? [];
    } else {
      b.notModelled = p.text;
      b.ignoresSigterm = p.shell;
    }
    const stress = stressBytes(argv);
    if (stress !== undefined) b.memory = [{ atMs: 0, bytes: stress }];
  }
  const mem = ann('memory');
  if (mem !== undefined) b.memory = parseMemory(mem);
  const ready = ann('readiness-delay');
  if (ready !== undefined) b.readinessDelayMs = parseDuration(ready);
  const sig = ann('ignore-sigterm');
  if (sig !== undefined) b.ignoresSigterm = sig === 'true';
  return b;
}
