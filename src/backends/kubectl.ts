// The real kubectl of the kubeconfig backend: `When I run "kubectl …"` runs the `kubectl` on PATH
// (the image's dispatcher picks the binary matching the server's /version) in the scenario's
// namespace, and the commands a run must opt in to (world parameter allowDestructive) are
// recognised here: those whose effects reach beyond the scenario's namespace and cannot be undone
// by the cleanup (kubectl drain evicts pods of every namespace, a NoExecute taint evicts those
// that do not tolerate it — staging/src/k8s.io/kubectl/pkg/drain/drain.go,
// pkg/controller/tainteviction/taint_eviction.go —, deleting a node or a namespace).

import { execFile } from 'node:child_process';

/** Flags that take a value as the next word: kubectl's global ones (genericclioptions ConfigFlags) and the common -o, -l, -f, -c. */
const VALUE_FLAGS = new Set([
  '-o',
  '--output',
  '-l',
  '--selector',
  '-f',
  '--filename',
  '-c',
  '--container',
  '-n',
  '--namespace',
  '--context',
  '--kubeconfig',
  '--cluster',
  '--user',
  '-s',
  '--server',
  '--request-timeout',
]);

/** The words that are not flags or flag values: the command, its resource and names. */
export function positionalWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (w.startsWith('-') && w.length > 1) {
      if (!w.includes('=') && VALUE_FLAGS.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

const NODE_RESOURCES = new Set(['node', 'nodes', 'no']);
const NAMESPACE_RESOURCES = new Set(['namespace', 'namespaces', 'ns']);

/** Why the command needs allowDestructive on a real cluster, or undefined when the cleanup can undo it. */
export function destructiveReason(words: readonly string[]): string | undefined {
  const [command, ...rest] = positionalWords(words);
  const resources = (rest[0] ?? '').split(',').map((r) => r.split('/')[0]);
  if (command === 'drain') return 'kubectl drain evicts pods of every namespace on the node';
  if (command === 'delete' && resources.some((r) => NODE_RESOURCES.has(r))) return 'kubectl delete node removes a node';
  if (command === 'delete' && resources.some((r) => NAMESPACE_RESOURCES.has(r)))
    return 'kubectl delete namespace removes a namespace the scenario does not own';
  if (command === 'taint' && rest.some((w) => w.endsWith(':NoExecute')))
    return 'a NoExecute taint evicts the pods of every namespace that do not tolerate it';
  return undefined;
}

/**
 * Why the command would not end by itself on a real cluster (the simulator's kubectl ends a watch
 * when the cluster is quiet), or undefined: `get -w` without --request-timeout, `logs -f`,
 * `port-forward`, `attach`, `proxy` stream until interrupted (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go
 * watch, logs/logs.go follow, portforward/portforward.go).
 */
export function streamingReason(words: readonly string[]): string | undefined {
  const [command] = positionalWords(words);
  const has = (...flags: string[]) => words.some((w) => flags.includes(w) || flags.some((f) => w.startsWith(`${f}=`)));
  if (command === 'get' && has('-w', '--watch', '--watch-only') && !has('--request-timeout'))
    return 'kubectl get -w streams until interrupted on a real cluster (the simulator ends it when the cluster is quiet); give it --request-timeout';
  if (command === 'logs' && has('-f', '--follow'))
    return 'kubectl logs -f streams until the container ends on a real cluster';
  if (command === 'port-forward' || command === 'attach' || command === 'proxy')
    return `kubectl ${command} runs until interrupted on a real cluster`;
  return undefined;
}

/**
 * The command's words with `-n default` (the namespace the scenario text means) replaced by the
 * scenario's own. Other namespaces are left alone; without -n, kubectl takes the namespace of the
 * context (scenarioKubeconfig), as it does for a user — so that `--dry-run=client -o yaml` prints
 * no `namespace:`, which an explicit --namespace would add.
 */
export function namespacedArgs(words: readonly string[], namespace: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === '-n' || w === '--namespace') && words[i + 1] === 'default') {
      out.push(w, namespace);
      i++;
    } else if (w === '--namespace=default' || w === '-n=default' || w === '-ndefault')
      out.push(`--namespace=${namespace}`);
    else out.push(w);
  }
  return out;
}

/**
 * A kubeconfig holding one context, current: the chosen context's cluster and user (by name, as
 * the user's kubeconfig defines them) with the scenario's namespace. kubectl reads it first in
 * KUBECONFIG, merged with the user's files (client-go's loading rules: the first file's
 * current-context wins, clusters and users come from the others).
 */
export function scenarioKubeconfig(name: string, cluster: string, user: string, namespace: string): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${q(name)}`,
    'contexts:',
    `- name: ${q(name)}`,
    '  context:',
    `    cluster: ${q(cluster)}`,
    `    user: ${q(user)}`,
    `    namespace: ${q(namespace)}`,
    '',
  ].join('\n');
}

/** The files a command reads (`-f x.yaml`, `--filename=x.yaml`, `-f=x.yaml`; `-` is stdin, left out). */
export function filenameArgs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === '-f' || w === '--filename') && i + 1 < words.length) out.push(words[++i]);
    else if (w.startsWith('--filename=')) out.push(w.slice('--filename='.length));
    else if (w.startsWith('-f=')) out.push(w.slice(3));
  }
  return out.filter((f) => f !== '-');
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `bin` with the words (no shell), in `cwd`; a start failure (no kubectl on PATH) is a result with exit code 127. */
export function runProcess(
  bin: string,
  words: readonly string[],
  opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      [...words],
      { cwd: opts.cwd, env: opts.env ?? process.env, maxBuffer: 64 << 20, timeout: opts.timeoutMs },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: unknown; killed?: boolean }) | null;
        if (e && e.code === 'ENOENT')
          resolve({
            stdout: '',
            stderr: `${bin}: not found on PATH (the kubeconfig backend runs the real kubectl)\n`,
            exitCode: 127,
          });
        else if (e?.killed) resolve({ stdout, stderr: `${stderr}(killed after ${opts.timeoutMs} ms)\n`, exitCode: -1 });
        else resolve({ stdout, stderr, exitCode: e ? (typeof e.code === 'number' ? e.code : 1) : 0 });
      },
    );
    child.stdin?.end();
  });
}
