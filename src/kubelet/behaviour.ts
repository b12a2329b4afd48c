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
//  3. the image's default (IMAGES below): nginx, httpd and redis are servers that log their start-up
//     lines and run until stopped; busybox, alpine, ubuntu, centos, debian exit 0 at once.
// Anything else is treated as long-running and reported once as a Warning `NotModelled` event.

import type { Container, Pod } from '../api/types.ts';
import { splitImage } from '../api/imageref.ts';
import { parseQuantity } from '../api/quantity.ts';
import { UserError } from '../util/errors.ts';

export const ANNOTATION_PREFIX = 'kube-scenarios.io/';

// ---- the program -----------------------------------------------------------------------------

export type Node =
  | { kind: 'cmd'; argv: string[] }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'loop'; until: boolean; cond: Node; body: Node };

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
  listens: number[];
  /** The text that was not understood, when the behaviour is a guess. */
  notModelled?: string;
}

// ---- well-known images ---------------------------------------------------------------------

interface ImageInfo {
  /** Default process when neither command nor args are given. */
  default: 'server' | 'exit0';
  /** Start-up lines (`{date}` → 2026/01/01 00:00:00, `{httpdDate}`, `{redisDate}`, `{ip}`). */
  startup?: string[];
  ports?: number[];
  /** ENV of the image (docker inspect), in image order, PATH first. */
  env: [string, string][];
  /** The program its entrypoint runs (for args-only containers such as coredns). */
  entrypoint?: string;
}

const OCI_PATH: [string, string] = ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

const NGINX_ENTRYPOINT = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
  '{date} [notice] 1#1: using the "epoll" event method',
  '{date} [notice] 1#1: nginx/{version}',
  '{date} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
  '{date} [notice] 1#1: OS: Linux 3.10.0-1160.el7.x86_64',
  '{date} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
  '{date} [notice] 1#1: start worker processes',
  '{date} [notice] 1#1: start worker process 29',
  '{date} [notice] 1#1: start worker process 30',
];

/**
 * The ENV of the official nginx image (Debian variant) of each release since 1.14, as its
 * Dockerfile in github.com/nginxinc/docker-nginx set it in the last build of that release; PATH
 * comes first from the Debian base. A tag names a release (`1.25.3`), a release line (`1.25`: its
 * last release) or the newest one (`latest`, `mainline`, `1`: 1.27.5 in this catalogue).
 */
const NGINX_ENV: Record<string, string> = {
  '1.14.0': 'NGINX_VERSION=1.14.0-1~stretch NJS_VERSION=1.14.0.0.2.0-1~stretch',
  '1.14.1': 'NGINX_VERSION=1.14.1-1~stretch NJS_VERSION=1.14.1.0.2.5-1~stretch',
  '1.14.2': 'NGINX_VERSION=1.14.2-1~stretch NJS_VERSION=1.14.2.0.2.6-1~stretch',
  '1.15.0': 'NGINX_VERSION=1.15.0-1~stretch NJS_VERSION=1.15.0.0.2.1-1~stretch',
  '1.15.1': 'NGINX_VERSION=1.15.1-1~stretch NJS_VERSION=1.15.1.0.2.2-1~stretch',
  '1.15.2': 'NGINX_VERSION=1.15.2-1~stretch NJS_VERSION=1.15.2.0.2.2-1~stretch',
  '1.15.3': 'NGINX_VERSION=1.15.3-1~stretch NJS_VERSION=1.15.3.0.2.3-1~stretch',
  '1.15.4': 'NGINX_VERSION=1.15.4-1~stretch NJS_VERSION=1.15.4.0.2.4-1~stretch',
  '1.15.5': 'NGINX_VERSION=1.15.5-1~stretch NJS_VERSION=1.15.5.0.2.4-1~stretch',
  '1.15.6': 'NGINX_VERSION=1.15.6-1~stretch NJS_VERSION=1.15.6.0.2.5-1~stretch',
  '1.15.7': 'NGINX_VERSION=1.15.7-1~stretch NJS_VERSION=1.15.7.0.2.6-1~stretch',
  '1.15.8': 'NGINX_VERSION=1.15.8-1~stretch NJS_VERSION=1.15.8.0.2.7-1~stretch',
  '1.15.9': 'NGINX_VERSION=1.15.9-1~stretch NJS_VERSION=1.15.9.0.2.8-1~stretch',
  '1.15.10': 'NGINX_VERSION=1.15.10-1~stretch NJS_VERSION=1.15.10.0.3.0-1~stretch',
  '1.15.11': 'NGINX_VERSION=1.15.11-1~stretch NJS_VERSION=1.15.11.0.3.0-1~stretch',
  '1.15.12': 'NGINX_VERSION=1.15.12 NJS_VERSION=0.3.1 PKG_RELEASE=1~stretch',
  '1.16.0': 'NGINX_VERSION=1.16.0 NJS_VERSION=0.3.2 PKG_RELEASE=1~buster',
  '1.16.1': 'NGINX_VERSION=1.16.1 NJS_VERSION=0.3.8 PKG_RELEASE=1~buster',
  '1.17.0': 'NGINX_VERSION=1.17.0 NJS_VERSION=0.3.2 PKG_RELEASE=1~stretch',
  '1.17.1': 'NGINX_VERSION=1.17.1 NJS_VERSION=0.3.3 PKG_RELEASE=1~buster',
  '1.17.2': 'NGINX_VERSION=1.17.2 NJS_VERSION=0.3.3 PKG_RELEASE=1~buster',
  '1.17.3': 'NGINX_VERSION=1.17.3 NJS_VERSION=0.3.5 PKG_RELEASE=1~buster',
  '1.17.4': 'NGINX_VERSION=1.17.4 NJS_VERSION=0.3.5 PKG_RELEASE=1~buster',
  '1.17.5': 'NGINX_VERSION=1.17.5 NJS_VERSION=0.3.6 PKG_RELEASE=1~buster',
  '1.17.6': 'NGINX_VERSION=1.17.6 NJS_VERSION=0.3.7 PKG_RELEASE=1~buster',
  '1.17.7': 'NGINX_VERSION=1.17.7 NJS_VERSION=0.3.7 PKG_RELEASE=1~buster',
  '1.17.8': 'NGINX_VERSION=1.17.8 NJS_VERSION=0.3.8 PKG_RELEASE=1~buster',
  '1.17.9': 'NGINX_VERSION=1.17.9 NJS_VERSION=0.3.9 PKG_RELEASE=1~buster',
  '1.17.10': 'NGINX_VERSION=1.17.10 NJS_VERSION=0.4.0 PKG_RELEASE=1~buster',
  '1.18.0': 'NGINX_VERSION=1.18.0 NJS_VERSION=0.4.4 PKG_RELEASE=2~buster',
  '1.19.0': 'NGINX_VERSION=1.19.0 NJS_VERSION=0.4.1 PKG_RELEASE=1~buster',
  '1.19.1': 'NGINX_VERSION=1.19.1 NJS_VERSION=0.4.2 PKG_RELEASE=1~buster',
  '1.19.2': 'NGINX_VERSION=1.19.2 NJS_VERSION=0.4.3 PKG_RELEASE=1~buster',
  '1.19.3': 'NGINX_VERSION=1.19.3 NJS_VERSION=0.4.4 PKG_RELEASE=1~buster',
  '1.19.4': 'NGINX_VERSION=1.19.4 NJS_VERSION=0.4.4 PKG_RELEASE=1~buster',
  '1.19.5': 'NGINX_VERSION=1.19.5 NJS_VERSION=0.4.4 PKG_RELEASE=1~buster',
  '1.19.6': 'NGINX_VERSION=1.19.6 NJS_VERSION=0.5.0 PKG_RELEASE=1~buster',
  '1.19.7': 'NGINX_VERSION=1.19.7 NJS_VERSION=0.5.1 PKG_RELEASE=1~buster',
  '1.19.8': 'NGINX_VERSION=1.19.8 NJS_VERSION=0.5.2 PKG_RELEASE=1~buster',
  '1.19.9': 'NGINX_VERSION=1.19.9 NJS_VERSION=0.5.3 PKG_RELEASE=1~buster',
  '1.19.10': 'NGINX_VERSION=1.19.10 NJS_VERSION=0.5.3 PKG_RELEASE=1~buster',
  '1.20.0': 'NGINX_VERSION=1.20.0 NJS_VERSION=0.5.3 PKG_RELEASE=1~buster',
  '1.20.1': 'NGINX_VERSION=1.20.1 NJS_VERSION=0.5.3 PKG_RELEASE=1~bullseye',
  '1.20.2': 'NGINX_VERSION=1.20.2 NJS_VERSION=0.7.3 PKG_RELEASE=1~bullseye',
  '1.21.0': 'NGINX_VERSION=1.21.0 NJS_VERSION=0.5.3 PKG_RELEASE=1~buster',
  '1.21.1': 'NGINX_VERSION=1.21.1 NJS_VERSION=0.6.1 PKG_RELEASE=1~buster',
  '1.21.2': 'NGINX_VERSION=1.21.2 NJS_VERSION=0.6.2 PKG_RELEASE=1~buster',
  '1.21.3': 'NGINX_VERSION=1.21.3 NJS_VERSION=0.6.2 PKG_RELEASE=1~bullseye',
  '1.21.4': 'NGINX_VERSION=1.21.4 NJS_VERSION=0.7.0 PKG_RELEASE=1~bullseye',
  '1.21.5': 'NGINX_VERSION=1.21.5 NJS_VERSION=0.7.1 PKG_RELEASE=1~bullseye',
  '1.21.6': 'NGINX_VERSION=1.21.6 NJS_VERSION=0.7.3 PKG_RELEASE=1~bullseye',
  '1.22.0': 'NGINX_VERSION=1.22.0 NJS_VERSION=0.7.6 PKG_RELEASE=1~bullseye',
  '1.22.1': 'NGINX_VERSION=1.22.1 NJS_VERSION=0.7.11 PKG_RELEASE=1~bullseye',
  '1.23.0': 'NGINX_VERSION=1.23.0 NJS_VERSION=0.7.5 PKG_RELEASE=1~bullseye',
  '1.23.1': 'NGINX_VERSION=1.23.1 NJS_VERSION=0.7.6 PKG_RELEASE=1~bullseye',
  '1.23.2': 'NGINX_VERSION=1.23.2 NJS_VERSION=0.7.9 PKG_RELEASE=1~bullseye',
  '1.23.3': 'NGINX_VERSION=1.23.3 NJS_VERSION=0.7.9 PKG_RELEASE=1~bullseye',
  '1.23.4': 'NGINX_VERSION=1.23.4 NJS_VERSION=0.7.11 PKG_RELEASE=1~bullseye',
  '1.24.0': 'NGINX_VERSION=1.24.0 NJS_VERSION=0.8.0 PKG_RELEASE=1~bullseye',
  '1.25.0': 'NGINX_VERSION=1.25.0 NJS_VERSION=0.7.12 PKG_RELEASE=1~bullseye',
  '1.25.1': 'NGINX_VERSION=1.25.1 NJS_VERSION=0.8.0 PKG_RELEASE=1~bookworm',
  '1.25.2': 'NGINX_VERSION=1.25.2 NJS_VERSION=0.8.0 PKG_RELEASE=1~bookworm',
  '1.25.3': 'NGINX_VERSION=1.25.3 NJS_VERSION=0.8.2 PKG_RELEASE=1~bookworm',
  '1.25.4': 'NGINX_VERSION=1.25.4 NJS_VERSION=0.8.3 PKG_RELEASE=1~bookworm',
  '1.25.5': 'NGINX_VERSION=1.25.5 NJS_VERSION=0.8.4 NJS_RELEASE=3~bookworm PKG_RELEASE=1~bookworm',
  '1.26.0': 'NGINX_VERSION=1.26.0 NJS_VERSION=0.8.4 NJS_RELEASE=2~bookworm PKG_RELEASE=1~bookworm',
  '1.26.1': 'NGINX_VERSION=1.26.1 NJS_VERSION=0.8.4 NJS_RELEASE=2~bookworm PKG_RELEASE=2~bookworm',
  '1.26.2': 'NGINX_VERSION=1.26.2 NJS_VERSION=0.8.8 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=2~bookworm',
  '1.26.3': 'NGINX_VERSION=1.26.3 NJS_VERSION=0.8.9 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=2~bookworm',
  '1.27.0': 'NGINX_VERSION=1.27.0 NJS_VERSION=0.8.4 NJS_RELEASE=2~bookworm PKG_RELEASE=2~bookworm',
  '1.27.1': 'NGINX_VERSION=1.27.1 NJS_VERSION=0.8.5 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=2~bookworm',
  '1.27.2': 'NGINX_VERSION=1.27.2 NJS_VERSION=0.8.6 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
  '1.27.3': 'NGINX_VERSION=1.27.3 NJS_VERSION=0.8.8 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
  '1.27.4': 'NGINX_VERSION=1.27.4 NJS_VERSION=0.8.9 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
  '1.27.5': 'NGINX_VERSION=1.27.5 NJS_VERSION=0.8.10 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
};
const NGINX_NEWEST = '1.27.5';
const byVersion = (a: string, b: string) => {
  const x = a.split('.').map(Number), y = b.split('.').map(Number);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/**
 * The nginx release a tag names, when the catalogue has it. Debian-based variants (`-perl`,
 * `-otel`, `-bookworm`…) share the release's ENV; Alpine ones (`-alpine`) set other values, and
 * releases after 1.27.5 are not in the catalogue: for those the image's own variables are unknown
 * (undefined), and the container's environment carries none of them rather than wrong ones.
 */
export function nginxRelease(tag: string): string | undefined {
  const t = tag.replace(/(-(bookworm|bullseye|buster|stretch))?(-(perl|otel))?$/, '');
  if (t === 'latest' || t === 'mainline' || t === '1') return NGINX_NEWEST;
  if (NGINX_ENV[t]) return t;
  const line = /^1\.\d+$/.test(t) ? Object.keys(NGINX_ENV).filter((v) => v.startsWith(`${t}.`)).sort(byVersion).at(-1) : undefined;
  return line;
}

function nginxInfo(tag: string): ImageInfo {
  const old = /^1\.(1[0-8]|[0-9])(\.|$|-)/.test(tag);
  const release = nginxRelease(tag);
  const env: [string, string][] = [OCI_PATH];
  if (release) for (const kv of NGINX_ENV[release].split(' ')) { const i = kv.indexOf('='); env.push([kv.slice(0, i), kv.slice(i + 1)]); }
  if (old) return { default: 'server', startup: [], ports: [80], env };
  const version = release ?? (/^\d+\.\d+\.\d+/.exec(tag)?.[0] ?? NGINX_NEWEST);
  return { default: 'server', startup: NGINX_ENTRYPOINT.map((l) => l.replace('nginx/{version}', `nginx/${version}`)), ports: [80], env };
}

/**
 * Well-known images by repository (docker.io/library/ dropped) and, where it matters, tag. nginx
 * before 1.19 had no entrypoint script and logs nothing at start (its error log only shows
 * problems); later images print the entrypoint and worker start-up lines (modelled on 1.27.5,
 * with the release's version).
 */
export function imageInfo(image: string): ImageInfo | undefined {
  const { repo, tag } = splitImage(image);
  switch (repo) {
    case 'nginx': return nginxInfo(tag);
    case 'httpd':
      return {
        default: 'server', ports: [80],
        startup: [
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message",
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message",
          '[{httpdDate}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations',
          "[{httpdDate}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
        ],
        env: [['PATH', '/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '2.4.63']],
      };
    case 'redis':
      return {
        default: 'server', ports: [6379],
        startup: [
          '1:C {redisDate} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
          '1:C {redisDate} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started',
          '1:C {redisDate} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
          '1:M {redisDate} * Running mode=standalone, port=6379.',
          '1:M {redisDate} * Server initialized',
          '1:M {redisDate} * Ready to accept connections tcp',
        ],
        env: [OCI_PATH, ['GOSU_VERSION', '1.17'], ['REDIS_VERSION', '7.4.2']],
      };
    case 'busybox': return { default: 'exit0', env: [['PATH', '/bin:/usr/bin:/sbin:/usr/sbin']] };
    case 'alpine': case 'ubuntu': case 'debian': return { default: 'exit0', env: [OCI_PATH] };
    case 'centos': return { default: 'exit0', env: [OCI_PATH] };
    case 'registry.k8s.io/pause': return { default: 'server', env: [OCI_PATH] };
    case 'registry.k8s.io/etcd': case 'registry.k8s.io/kube-apiserver': case 'registry.k8s.io/kube-controller-manager':
    case 'registry.k8s.io/kube-scheduler': case 'registry.k8s.io/kube-proxy': case 'calico/node': case 'calico/kube-controllers':
      return { default: 'server', env: [OCI_PATH] };
    case 'calico/cni': return { default: 'exit0', env: [OCI_PATH] };
    case 'registry.k8s.io/coredns/coredns': return { default: 'server', entrypoint: 'coredns', ports: [53, 9153], env: [OCI_PATH] };
    default: return undefined;
  }
}

/** Long-running programs of the images the lab and common manifests use. */
const SERVERS = new Set(['nginx', 'httpd', 'httpd-foreground', 'redis-server', 'etcd', 'kube-apiserver', 'kube-controller-manager',
  'kube-scheduler', 'kube-proxy', 'coredns', 'calico-node', 'pause', 'apache2-foreground', 'apache2ctl']);
/** One-shot programs that succeed (calico's init containers). */
const ONE_SHOTS = new Set(['install', 'calico-ipam']);

// ---- shell parsing ---------------------------------------------------------------------------

type Token = { op: string } | { word: string };

class NotUnderstood extends Error {}

function tokenize(src: string, namespace: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let word: string | undefined;
  const flush = () => { if (word !== undefined) { out.push({ word }); word = undefined; } };
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') { flush(); i++; continue; }
    if (ch === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (ch === '\n' || ch === ';') { flush(); out.push({ op: ';' }); i++; continue; }
    if (src.startsWith('&&', i) || src.startsWith('||', i)) { flush(); out.push({ op: src.slice(i, i + 2) }); i += 2; continue; }
    if (ch === '|' || ch === '&' || ch === '<' || ch === '>' || ch === '`' || ch === '(' || ch === ')') throw new NotUnderstood(ch);
    if (ch === '#' && word === undefined) { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new NotUnderstood('unterminated quote');
      word = (word ?? '') + src.slice(i + 1, end); i = end + 1; continue;
    }
    if (ch === '"') {
      let j = i + 1; let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) { s += src[j + 1]; j += 2; continue; }
        if (src[j] === '$') { const [v, n] = substitution(src, j, namespace); s += v; j = n; continue; }
        s += src[j++];
      }
      if (j >= src.length) throw new NotUnderstood('unterminated quote');
      word = (word ?? '') + s; i = j + 1; continue;
    }
    if (ch === '$') { const [v, n] = substitution(src, i, namespace); word = (word ?? '') + v; i = n; continue; }
    word = (word ?? '') + ch; i++;
  }
  flush();
  return out;
}

/** `$(cat …/serviceaccount/namespace)` is the pod's namespace; other expansions are not modelled. */
function substitution(src: string, i: number, namespace: string): [string, number] {
  const m = /^\$\(\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*\)/.exec(src.slice(i));
  if (m) return [namespace, i + m[0].length];
  throw new NotUnderstood('$');
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}
  private peekWord(): string | undefined { const t = this.toks[this.i]; return t && 'word' in t ? t.word : undefined; }
  private peekOp(): string | undefined { const t = this.toks[this.i]; return t && 'op' in t ? t.op : undefined; }
  private skipSeps(): void { while (this.peekOp() === ';') this.i++; }

  parseAll(): Node {
    const n = this.list([]);
    if (this.i < this.toks.length) throw new NotUnderstood('trailing tokens');
    return n;
  }

  /** Commands separated by ; && || until one of the stop keywords. */
  private list(stop: string[]): Node {
    const items: Node[] = [];
    this.skipSeps();
    while (this.i < this.toks.length && !stop.includes(this.peekWord() ?? '\0')) {
      let n = this.command();
      for (;;) {
        const op = this.peekOp();
        if (op !== '&&' && op !== '||') break;
        this.i++;
        this.skipSeps();
        n = { kind: op === '&&' ? 'and' : 'or', left: n, right: this.command() };
      }
      items.push(n);
      this.skipSeps();
    }
    return items.length === 1 ? items[0] : { kind: 'seq', items };
  }

  private expect(word: string): void {
    if (this.peekWord() !== word) throw new NotUnderstood(`expected ${word}`);
    this.i++;
  }

  private command(): Node {
    const w = this.peekWord();
    if (w === undefined) throw new NotUnderstood('empty command');
    if (w === 'until' || w === 'while') {
      this.i++;
      const cond = this.list(['do']);
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { kind: 'loop', until: w === 'until', cond, body };
    }
    if (['if', 'for', 'case', 'function', 'then', 'do', 'done', 'fi'].includes(w)) throw new NotUnderstood(w);
    const argv: string[] = [];
    while (this.peekWord() !== undefined) argv.push(this.peekWord()!), this.i++;
    return { kind: 'cmd', argv };
  }
}

/** Parses a shell script; throws UserError-free NotUnderstood for unsupported syntax. */
export function parseScript(src: string, namespace = 'default'): Node {
  return new Parser(tokenize(src, namespace)).parseAll();
}

// ---- durations and annotations -------------------------------------------------------------

/** Go-style durations: 1h2m3s, 1.5s, 500ms, or a bare number of seconds. */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0; let consumed = 0; let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    if (m.index !== consumed) break;
    consumed += m[0].length;
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
  }
  if (consumed !== t.length || consumed === 0) throw new UserError(`invalid duration "${text}": expected e.g. 30s, 2m, 1h30m or 500ms`);
  return Math.round(total);
}

/** The annotation for a container: `kube-scenarios.io/<key>.<container>` first, then `kube-scenarios.io/<key>`. */
export function annotation(pod: Pod, container: string, key: string): string | undefined {
  const a = pod.metadata.annotations ?? {};
  return a[`${ANNOTATION_PREFIX}${key}.${container}`] ?? a[`${ANNOTATION_PREFIX}${key}`];
}

function parseMemory(text: string): { atMs: number; bytes: number }[] {
  return text.split(',').map((part) => {
    const [t, q] = part.includes('=') ? part.split('=') : ['0s', part];
    try { return { atMs: parseDuration(t), bytes: parseQuantity(q.trim()) }; } catch (e) {
      throw new UserError(`invalid ${ANNOTATION_PREFIX}memory value "${text}": expected <time>=<quantity> points such as 0s=50Mi,20s=300Mi (${(e as Error).message})`);
    }
  }).sort((a, b) => a.atMs - b.atMs);
}

// ---- building a behaviour --------------------------------------------------------------------

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

function* runForever(): Generator<Yield, number> { yield { forever: true }; return 0; }

function* runNode(n: Node, ctx: RunContext): Generator<Yield, number> {
  switch (n.kind) {
    case 'seq': { let s = 0; for (const x of n.items) s = yield* runNode(x, ctx); return s; }
    case 'and': { const s = yield* runNode(n.left, ctx); return s === 0 ? yield* runNode(n.right, ctx) : s; }
    case 'or': { const s = yield* runNode(n.left, ctx); return s !== 0 ? yield* runNode(n.right, ctx) : s; }
    case 'loop': {
      for (;;) {
        const c = yield* runNode(n.cond, ctx);
        if ((c === 0) === n.until) return 0;
        const slept = { v: false };
        const body = runNode(n.body, ctx);
        let r = body.next();
        while (!r.done) { if ('sleepMs' in r.value && r.value.sleepMs > 0) slept.v = true; yield r.value; r = body.next(); }
        // A loop that never sleeps (or only `sleep 0`) would spin; nslookup itself takes about a second to fail.
        if (!slept.v) yield { sleepMs: 1000 };
      }
    }
    case 'cmd': return yield* runCommand(n.argv, ctx);
  }
}

class Exit { constructor(readonly code: number) {} }

function* runCommand(argv: string[], ctx: RunContext): Generator<Yield, number> {
  const [cmd, ...args] = argv;
  switch (base(cmd)) {
    case 'exec': return yield* runCommand(args, ctx);
    case 'true': case ':': return 0;
    case 'false': return 1;
    case 'exit': throw new Exit(args.length ? Number(args[0]) & 255 : 0);
    case 'echo': {
      const noNewline = args[0] === '-n';
      ctx.log((noNewline ? args.slice(1) : args).join(' '));
      return 0;
    }
    case 'sleep': {
      if (args[0] === 'infinity') { yield { forever: true }; return 0; }
      yield { sleepMs: parseDuration(args[0]) };
      return 0;
    }
    case 'nslookup': return ctx.resolves(args.find((a) => !a.startsWith('-')) ?? '') ? 0 : 1;
    case 'tail': yield { forever: true }; return 0;
    case 'stress': yield { forever: true }; return 0;
    default:
      if (SERVERS.has(base(cmd)) && !(base(cmd) === 'calico-node' && args.includes('-init'))) { yield { forever: true }; return 0; }
      return 0; // one-shot programs (checked by `understood`)
  }
}

/** Whether every command in the tree is one the model knows. */
function understood(n: Node): boolean {
  switch (n.kind) {
    case 'seq': return n.items.every(understood);
    case 'and': case 'or': return understood(n.left) && understood(n.right);
    case 'loop': return understood(n.cond) && understood(n.body);
    case 'cmd': {
      const [cmd, ...args] = n.argv;
      const b = base(cmd);
      if (b === 'exec') return args.length > 0 && understood({ kind: 'cmd', argv: args });
      if (b === 'sleep') { try { if (args[0] !== 'infinity') parseDuration(args[0] ?? ''); return args.length === 1; } catch { return false; } }
      if (b === 'exit') return args.length <= 1 && (args.length === 0 || /^\d+$/.test(args[0]));
      if (b === 'tail') return args.join(' ') === '-f /dev/null';
      if (b === 'stress') return true;
      if (b === 'calico-node') return true;
      return ['true', ':', 'false', 'echo', 'nslookup'].includes(b) || SERVERS.has(b) || ONE_SHOTS.has(b);
    }
  }
}

/** A program that is a shell (`sh -c '…'`, `sh` alone) or a plain command line. */
function programFor(argv: string[], namespace: string): { node?: Node; shell: boolean; text: string } {
  const text = argv.join(' ');
  if (SHELLS.has(base(argv[0]))) {
    const flags = argv[1] ?? '';
    if (argv.length === 1) return { node: { kind: 'cmd', argv: ['true'] }, shell: true, text };
    if (/^-[a-z]*c[a-z]*$/.test(flags) && argv.length >= 3) {
      try { return { node: parseScript(argv[2], namespace), shell: true, text }; } catch { return { shell: true, text }; }
    }
    return { shell: true, text };
  }
  return { node: { kind: 'cmd', argv }, shell: false, text };
}

/** Bytes used by `stress --vm-bytes X` (the Kubernetes docs' memory example), if given. */
function stressBytes(argv: string[]): number | undefined {
  if (base(argv[0] ?? '') !== 'stress') return undefined;
  const i = argv.indexOf('--vm-bytes');
  return i >= 0 && argv[i + 1] ? parseQuantity(argv[i + 1].replace(/([KMGT])$/i, (u) => `${u.toUpperCase()}i`)) : undefined;
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
    if (!Number.isInteger(code) || code < 0 || code > 255) throw new UserError(`invalid ${ANNOTATION_PREFIX}exit-code "${exitCode}": expected an integer 0–255`);
    const ms = runDuration === undefined ? 0 : parseDuration(runDuration);
    b.run = function* () { if (ms > 0) yield { sleepMs: ms }; return code; };
    b.listens = info?.ports ?? [];
  } else if (!argv) {
    if (info?.default === 'exit0') b.run = function* () { return 0; };
    else if (info?.default === 'server') {
      const lines = info.startup ?? [];
      b.run = function* (ctx) { for (const l of lines) ctx.log(l); yield { forever: true }; return 0; };
      b.listens = info.ports ?? [];
    } else b.notModelled = `image ${c.image} with its default command`;
  } else {
    const p = programFor(argv, namespace);
    b.ignoresSigterm = p.shell || base(argv[0]) === 'sleep' || base(argv[0]) === 'tail';
    if (p.node && understood(p.node)) {
      const node = p.node;
      b.run = function* (ctx) {
        if (!p.shell && SERVERS.has(base(argv![0])) && info?.startup) for (const l of info.startup) ctx.log(l);
        try { return yield* runNode(node, ctx); } catch (e) { if (e instanceof Exit) return e.code; throw e; }
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

/** Formats a start-up line's placeholders for a container started at `ms` with pod IP `ip`. */
export function expandStartupLine(line: string, ms: number, ip: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const httpd = `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${time}.${p(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`;
  const redis = `${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time}.${p(d.getUTCMilliseconds(), 3)}`;
  return line.replaceAll('{date}', date).replaceAll('{httpdDate}', httpd).replaceAll('{redisDate}', redis).replaceAll('{ip}', ip);
}
