// What a command exec'd in a running container prints and exits with — the few commands the
// simulator can answer: `env` / `printenv [VAR]` (the environment the container was started with,
// src/kubelet/env.ts, plus TERM=xterm in a terminal session), `hostname`, `cat /etc/resolv.conf` /
// `cat /etc/hostname`, and `curl` in images that ship it (src/network/curl.ts). Anything else is
// NotSupportedError. Used by `kubectl exec` (exec.ts), the shell sessions of `exec -i` (execshell.ts)
// and serve's pods/exec (src/apiserver/exec.ts).

import type { Pod } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { containerEnv } from '../kubelet/env.ts';
import { resolvConf } from '../services/dns.ts';
import { imageCurl, runCurl } from '../network/curl.ts';
import { NotSupportedError } from '../util/errors.ts';

export interface ExecOutput {
  stdout: string;
  stderr?: string;
  code: number;
}

/** The pod's hostname as its containers see it (`hostname`, /etc/hostname). */
export const podHostname = (pod: Pod): string =>
  pod.spec.hostNetwork ? pod.spec.nodeName! : ((pod.spec.hostname as string | undefined) ?? pod.metadata.name!);

/**
 * The environment of a process exec'd in the container: the container's, plus `TERM=xterm` in a
 * terminal session (containerd's CRI exec adds it when the exec has a TTY:
 * internal/cri/server/container_execsync.go, oci.WithEnv — which replaces a TERM the container has,
 * else appends it to the spec's env, before the runtime adds HOME).
 */
function execEnv(cluster: Cluster, pod: Pod, container: string, tty: boolean): string[] {
  const env = containerEnv(cluster, pod, container);
  if (!tty) return env;
  const at = env.findIndex((e) => e.startsWith('TERM='));
  if (at >= 0) env[at] = 'TERM=xterm';
  else {
    const home = env.findIndex((e) => e.startsWith('HOME='));
    env.splice(home >= 0 && home === env.length - 1 ? home : env.length, 0, 'TERM=xterm');
  }
  return env;
}

/** What `argv` prints and exits with in the running container (serve's pods/exec runs it too: src/apiserver/exec.ts). */
export function runInContainer(
  cluster: Cluster,
  pod: Pod,
  container: string,
  argv: string[],
  opts: { tty?: boolean } = {},
): ExecOutput {
  const c = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === container)!;
  const [cmd, ...args] = argv;
  const lines = (l: string[]) => l.map((x) => `${x}\n`).join('');
  switch (cmd) {
    case 'env':
      if (args.length) throw new NotSupportedError(`exec env with arguments (${args.join(' ')})`);
      return { stdout: lines(execEnv(cluster, pod, container, !!opts.tty)), code: 0 };
    case 'printenv': {
      const env = execEnv(cluster, pod, container, !!opts.tty);
      if (args.length === 0) return { stdout: lines(env), code: 0 };
      const found = args.map((a) => env.find((e) => e.startsWith(`${a}=`))).filter((e): e is string => e !== undefined);
      return {
        stdout: lines(found.map((e) => e.slice(e.indexOf('=') + 1))),
        code: found.length === args.length ? 0 : 1,
      };
    }
    case 'hostname':
      if (args.length) throw new NotSupportedError(`exec hostname with arguments (${args.join(' ')})`);
      return { stdout: `${podHostname(pod)}\n`, code: 0 };
    case 'cat':
      if (
        args.length === 1 &&
        args[0] === '/etc/resolv.conf' &&
        !pod.spec.hostNetwork &&
        (pod.spec.dnsPolicy ?? 'ClusterFirst') === 'ClusterFirst'
      ) {
        return { stdout: resolvConf(pod.metadata.namespace ?? 'default'), code: 0 };
      }
      if (args.length === 1 && args[0] === '/etc/hostname' && !pod.spec.hostNetwork)
        return { stdout: `${(pod.spec.hostname as string | undefined) ?? pod.metadata.name}\n`, code: 0 };
      throw new NotSupportedError(`exec cat ${args.join(' ')} (only /etc/resolv.conf and /etc/hostname)`);
    case 'curl': {
      const flavour = imageCurl(c.image ?? '');
      if (!flavour)
        throw new NotSupportedError(
          `curl inside ${c.image} (the simulator does not know whether that image ships curl)`,
        );
      const r = runCurl(cluster, { pod }, args, flavour);
      return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode };
    }
    default:
      throw new NotSupportedError(
        `exec ${argv.join(' ')} (only env, printenv, hostname, cat /etc/resolv.conf|/etc/hostname, curl)`,
      );
  }
}
