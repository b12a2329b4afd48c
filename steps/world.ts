// The scenario world: its backend (world parameter `cluster`: the simulator, default, or
// `kubeconfig`, a real cluster — steps/lib/backend.ts), on the simulator one in-memory Cluster per
// scenario (seeded by the world parameter `seed`, default 1), the last kubectl command's result,
// files written by the scenario itself, and a record of every pod creation and deletion (for "was
// not recreated" / "was never deleted").

import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Cluster } from '../src/cluster/cluster.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';
import { resolveInside } from '../src/util/paths.ts';
import { UserError } from '../src/util/errors.ts';
import type { Backend } from './lib/backend.ts';
import { SimulatorBackend } from './lib/simulator-backend.ts';
import { KubeconfigBackend } from './lib/kubeconfig-backend.ts';

export interface KubeWorldParameters {
  seed?: number;
  /** The backend: `simulator` (the default) or `kubeconfig` (the cluster of KUBECONFIG / ~/.kube/config, as kubectl reads it). */
  cluster?: 'simulator' | 'kubeconfig';
  /** kubeconfig backend: the context to use instead of the current one (kubectl --context). */
  context?: string;
  /** kubeconfig backend: how long a Then-step polls before it fails (seconds; default 60, or a longer `within` span of the step). */
  timeoutSeconds?: number;
  /** kubeconfig backend: run destructive node steps (kubectl drain, NoExecute taints, deleting nodes); default false: such scenarios are skipped. */
  allowDestructive?: boolean;
  /** kubeconfig backend under `--parallel N`: one kubeconfig file per worker, each a cluster of its own (worker i uses the i-th). */
  kubeconfigs?: string[];
  /** kubeconfig backend: create the nodes of `Given a cluster with nodes:` through the API (kube-scenarios serve); default false. */
  createNodes?: boolean;
}

export interface CommandResult {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Where kubectl's failure comes from in the scenario's files (`x.yaml:9: ...`): shown in step failures, not part of kubectl's output. */
  hints?: string[];
}

import { FIXTURES_DIR, PROJECT_ROOT } from './lib/paths.ts';

export { FIXTURES_DIR, PROJECT_ROOT };

export class KubeWorld extends World<KubeWorldParameters> {
  private current?: Cluster;
  private chosen?: Backend;
  /** The scenario's name (set by the Before hook of steps/hooks.ts), for the list of skipped scenarios. */
  scenarioName = '';
  /** The scenario's feature file. */
  scenarioUri = '';
  /** The last command run by `When I run` / `When I try to run` / `When I apply`. */
  last?: CommandResult;
  /** Files written by `Given a file "x" containing:`; they shadow files in features/fixtures. */
  readonly files = new Map<string, string>();
  /** namespace/name → how many times a pod of that name was created / deleted in this scenario. */
  readonly podCreations = new Map<string, number>();
  readonly podDeletions = new Map<string, number>();
  /** Directories searched after FIXTURES_DIR for scenario files (steps/owncluster.steps.ts adds the feature's fixtures/). */
  readonly fixtureDirs: string[] = [];

  constructor(options: IWorldOptions<KubeWorldParameters>) {
    super(options);
  }

  get seed(): number {
    const seed = this.parameters.seed ?? 1;
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new UserError(
        `invalid world parameter seed ${JSON.stringify(seed)}: expected a non-negative integer, e.g. --world-parameters '{"seed":7}'`,
      );
    return seed;
  }

  /** The backend the world parameter `cluster` chose. */
  get backend(): Backend {
    if (!this.chosen) {
      const kind = this.parameters.cluster ?? 'simulator';
      if (kind === 'simulator') this.chosen = new SimulatorBackend(this);
      else if (kind === 'kubeconfig') this.chosen = new KubeconfigBackend(this);
      else
        throw new UserError(
          `invalid world parameter cluster ${JSON.stringify(kind)}: expected "simulator" (the default) or "kubeconfig", e.g. --world-parameters '{"cluster":"kubeconfig"}'`,
        );
    }
    return this.chosen;
  }

  get hasCluster(): boolean {
    return this.current !== undefined;
  }

  get cluster(): Cluster {
    if (!this.current)
      throw new UserError(
        'this scenario has no cluster yet: start it with "Given the lab cluster", "Given a cluster with nodes:" or "Given the nodes from \\"<file>\\""',
      );
    return this.current;
  }

  /** Makes c the scenario's cluster and starts recording pod creations and deletions. */
  useCluster(c: Cluster): void {
    if (this.current)
      throw new UserError(
        'this scenario already has a cluster: use only one of "Given the lab cluster", "Given a cluster with nodes:" and "Given the nodes from …"',
      );
    this.current = c;
    const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
    for (const p of c.store.list('Pod')) count(this.podCreations, `${p.metadata.namespace}/${p.metadata.name}`);
    c.store.watch((e) => {
      if (e.object.kind !== 'Pod') return;
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      if (e.type === 'ADDED') count(this.podCreations, key);
      if (e.type === 'DELETED') count(this.podDeletions, key);
    });
  }

  /**
   * Runs a kubectl command line (without the leading "kubectl") against the cluster. It becomes
   * "the last command" of the output assertions unless `record` is false (checks and hooks).
   */
  kubectl(args: string | string[], record = true): CommandResult {
    const command = `kubectl ${Array.isArray(args) ? args.join(' ') : args}`;
    const r = runKubectl(this.cluster, args, {
      cwd: FIXTURES_DIR,
      root: PROJECT_ROOT,
      readFile: (path: string) => this.readFile(path),
    });
    const result = {
      command,
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      ...(r.hints ? { hints: r.hints } : {}),
    };
    if (record) this.last = result;
    return result;
  }

  /**
   * Runs a kubectl command line (without the leading "kubectl") on the scenario's backend: the
   * simulator's kubectl, or the real one against a real cluster. Recorded as "the last command"
   * unless `record` is false.
   */
  async run(args: string | string[], record = true): Promise<CommandResult> {
    const command = `kubectl ${Array.isArray(args) ? args.join(' ') : args}`;
    const result = { command, ...(await this.backend.kubectl(args)) };
    if (record) this.last = result;
    return result;
  }

  /** Reads a scenario file: one written by the scenario, else one under features/fixtures. */
  readFile(path: string): string {
    const full = resolveInside(PROJECT_ROOT, FIXTURES_DIR, path);
    const own = this.files.get(full);
    if (own !== undefined) return own;
    const other = existsSync(full)
      ? undefined
      : this.fixtureDirs.map((d) => resolve(d, path)).find((f) => existsSync(f));
    if (!other && !existsSync(full)) {
      const looked = [full, ...this.fixtureDirs.map((d) => resolve(d, path))].map(
        (f) => relative(PROJECT_ROOT, f) || f,
      );
      throw new UserError(
        `file "${path}" not found: looked for ${looked.join(' and ')} — put it in features/fixtures/ (or a fixtures/ folder beside the feature file), or write it in the scenario with "Given a file "${path}" containing:"`,
      );
    }
    return readFileSync(other ?? full, 'utf8');
  }

  writeFile(path: string, text: string): void {
    this.files.set(resolveInside(PROJECT_ROOT, FIXTURES_DIR, path), text);
  }

  lastCommand(): CommandResult {
    if (!this.last)
      throw new UserError(
        'no command has run yet in this scenario: use "When I run \\"kubectl …\\"" or "When I try to run \\"kubectl …\\"" first',
      );
    return this.last;
  }
}

setWorldConstructor(KubeWorld);
