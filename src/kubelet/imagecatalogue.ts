// The catalogue of well-known container images the simulator knows without pulling them: per
// image, its default process (a server that runs until stopped, or a program that exits 0), the
// lines it logs at start-up, the ports it listens on, its ENV (docker inspect) and its entrypoint.

import { splitImage } from '../api/imageref.ts';

// ---- well-known images ---------------------------------------------------------------------

/** What the catalogue knows of an image (shared between callers: read-only). */
export interface ImageInfo {
  /** Default process when neither command nor args are given. */
  readonly default: 'server' | 'exit0';
  /** Start-up lines (`{date}` → 2026/01/01 00:00:00, `{httpdDate}`, `{redisDate}`, `{ip}`). */
  readonly startup?: readonly string[];
  readonly ports?: readonly number[];
  /** ENV of the image (docker inspect), in image order, PATH first. */
  readonly env: readonly (readonly [string, string])[];
  /** The program its entrypoint runs (for args-only containers such as coredns). */
  readonly entrypoint?: string;
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
  '1.26.2':
    'NGINX_VERSION=1.26.2 NJS_VERSION=0.8.8 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=2~bookworm',
  '1.26.3':
    'NGINX_VERSION=1.26.3 NJS_VERSION=0.8.9 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=2~bookworm',
  '1.27.0': 'NGINX_VERSION=1.27.0 NJS_VERSION=0.8.4 NJS_RELEASE=2~bookworm PKG_RELEASE=2~bookworm',
  '1.27.1':
    'NGINX_VERSION=1.27.1 NJS_VERSION=0.8.5 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=2~bookworm',
  '1.27.2':
    'NGINX_VERSION=1.27.2 NJS_VERSION=0.8.6 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
  '1.27.3':
    'NGINX_VERSION=1.27.3 NJS_VERSION=0.8.8 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
  '1.27.4':
    'NGINX_VERSION=1.27.4 NJS_VERSION=0.8.9 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
  '1.27.5':
    'NGINX_VERSION=1.27.5 NJS_VERSION=0.8.10 NJS_RELEASE=1~bookworm PKG_RELEASE=1~bookworm DYNPKG_RELEASE=1~bookworm',
};
const NGINX_NEWEST = '1.27.5';
const byVersion = (a: string, b: string) => {
  const x = a.split('.').map(Number),
    y = b.split('.').map(Number);
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
  const line = /^1\.\d+$/.test(t)
    ? Object.keys(NGINX_ENV)
        .filter((v) => v.startsWith(`${t}.`))
        .sort(byVersion)
        .at(-1)
    : undefined;
  return line;
}

function nginxInfo(tag: string): ImageInfo {
  const old = /^1\.(1[0-8]|[0-9])(\.|$|-)/.test(tag);
  const release = nginxRelease(tag);
  const env: [string, string][] = [OCI_PATH];
  if (release)
    for (const kv of NGINX_ENV[release].split(' ')) {
      const i = kv.indexOf('=');
      env.push([kv.slice(0, i), kv.slice(i + 1)]);
    }
  if (old) return { default: 'server', startup: [], ports: [80], env };
  const version = release ?? /^\d+\.\d+\.\d+/.exec(tag)?.[0] ?? NGINX_NEWEST;
  return {
    default: 'server',
    startup: NGINX_ENTRYPOINT.map((l) => l.replace('nginx/{version}', `nginx/${version}`)),
    ports: [80],
    env,
  };
}

/**
 * Well-known images by repository (docker.io/library/ dropped) and, where it matters, tag. nginx
 * before 1.19 had no entrypoint script and logs nothing at start (its error log only shows
 * problems); later images print the entrypoint and worker start-up lines (modelled on 1.27.5,
 * with the release's version).
 */
export function imageInfo(image: string): ImageInfo | undefined {
  // (asked at every container start; the answers are constant: kept per image, read-only)
  if (infoByImage.has(image)) return infoByImage.get(image);
  const info = catalogueInfo(image);
  if (infoByImage.size >= 4096) infoByImage.clear();
  infoByImage.set(image, info);
  return info;
}

const infoByImage = new Map<string, ImageInfo | undefined>();

function catalogueInfo(image: string): ImageInfo | undefined {
  const { repo, tag } = splitImage(image);
  switch (repo) {
    case 'nginx':
      return nginxInfo(tag);
    case 'httpd':
      return {
        default: 'server',
        ports: [80],
        startup: [
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message",
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message",
          '[{httpdDate}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations',
          "[{httpdDate}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
        ],
        env: [
          ['PATH', '/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
          ['HTTPD_PREFIX', '/usr/local/apache2'],
          ['HTTPD_VERSION', '2.4.63'],
        ],
      };
    case 'redis':
      return {
        default: 'server',
        ports: [6379],
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
    case 'busybox':
      return { default: 'exit0', env: [['PATH', '/bin:/usr/bin:/sbin:/usr/sbin']] };
    case 'alpine':
    case 'ubuntu':
    case 'debian':
      return { default: 'exit0', env: [OCI_PATH] };
    case 'centos':
      return { default: 'exit0', env: [OCI_PATH] };
    case 'registry.k8s.io/pause':
      return { default: 'server', env: [OCI_PATH] };
    case 'registry.k8s.io/etcd':
    case 'registry.k8s.io/kube-apiserver':
    case 'registry.k8s.io/kube-controller-manager':
    case 'registry.k8s.io/kube-scheduler':
    case 'registry.k8s.io/kube-proxy':
    case 'calico/node':
    case 'calico/kube-controllers':
      return { default: 'server', env: [OCI_PATH] };
    case 'calico/cni':
      return { default: 'exit0', env: [OCI_PATH] };
    case 'registry.k8s.io/coredns/coredns':
      return { default: 'server', entrypoint: 'coredns', ports: [53, 9153], env: [OCI_PATH] };
    default:
      return undefined;
  }
}

/** The placeholders' texts for one instant (a container's start-up lines all share it). */
let lastStamps: { ms: number; date: string; httpd: string; redis: string } | undefined;

function stamps(ms: number): { date: string; httpd: string; redis: string } {
  if (lastStamps?.ms === ms) return lastStamps;
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const httpd = `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${time}.${p(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`;
  const redis = `${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time}.${p(d.getUTCMilliseconds(), 3)}`;
  lastStamps = { ms, date, httpd, redis };
  return lastStamps;
}

/** Formats a start-up line's placeholders for a container started at `ms` with pod IP `ip`. */
export function expandStartupLine(line: string, ms: number, ip: string): string {
  if (!line.includes('{')) return line;
  const s = stamps(ms);
  return line
    .replaceAll('{date}', s.date)
    .replaceAll('{httpdDate}', s.httpd)
    .replaceAll('{redisDate}', s.redis)
    .replaceAll('{ip}', ip);
}
