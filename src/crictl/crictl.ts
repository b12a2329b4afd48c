// `crictl pods` and `crictl ps [-a]` on a node, printed as cri-tools prints them (cmd/crictl/sandbox.go, container.go):
// Go tabwriter with minwidth 20, tabwidth 1, padding 3; ids truncated to 13 characters; CREATED
// in docker's go-units HumanDuration followed by ` ago`; newest first. The data comes from the
// node's runtime view (src/kubelet/cri.ts): one sandbox per pod (its pause container is never
// listed by `ps`), one container per instance (ATTEMPT = restart count of that instance).

import type { Cluster } from '../cluster/cluster.ts';
import { runtimeContainers, runtimeSandboxes } from '../kubelet/cri.ts';
import { tabwrite } from '../kubectl/tabwriter.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { noSuchNodeMessage } from '../store/errors.ts';

export interface CrictlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const CRICTL_TABWRITER = { minwidth: 20, tabwidth: 1, padding: 3 };

/** docker/go-units HumanDuration. */
export function goUnitsDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

const truncate = (id: string) => id.replace(/^sha256:/, '').slice(0, 13);

/** Runs `crictl <args>` on `node` (args without the leading `crictl`). */
export function runCrictl(cluster: Cluster, node: string, args: string[]): CrictlResult {
  if (!cluster.store.get('Node', undefined, node)) throw new UserError(noSuchNodeMessage(cluster.store, node));
  const now = cluster.clock.now();
  const ago = (t: number) => `${goUnitsDuration(now - t)} ago`;
  const [cmd, ...rest] = args;
  if (cmd === 'pods' && rest.length === 0) {
    const rows = runtimeSandboxes(cluster, node).map((s) => [
      truncate(s.id),
      ago(s.createdAt),
      s.state,
      s.name,
      s.namespace,
      String(s.attempt),
      s.runtime,
    ]);
    return {
      stdout: tabwrite(
        [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], ...rows]
          .map((r) => r.join('\t') + '\n')
          .join(''),
        CRICTL_TABWRITER,
      ),
      stderr: '',
      exitCode: 0,
    };
  }
  if (cmd === 'ps' && (rest.length === 0 || (rest.length === 1 && (rest[0] === '-a' || rest[0] === '--all')))) {
    const rows = runtimeContainers(cluster, node, { all: rest.length === 1 }).map((c) => [
      truncate(c.id),
      truncate(c.imageRef),
      ago(c.createdAt),
      c.state,
      c.name,
      String(c.attempt),
      truncate(c.podSandboxId),
      c.podName,
      c.namespace,
    ]);
    return {
      stdout: tabwrite(
        [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'], ...rows]
          .map((r) => r.join('\t') + '\n')
          .join(''),
        CRICTL_TABWRITER,
      ),
      stderr: '',
      exitCode: 0,
    };
  }
  throw new NotSupportedError(`crictl ${args.join(' ')} (only "crictl pods", "crictl ps" and "crictl ps -a")`);
}
