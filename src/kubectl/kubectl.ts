// Entry point of the simulated kubectl 1.33: splits the command line, finds the command (cobra's
// `unknown command "x" for "kubectl"` with its "Did you mean this?" suggestions), parses flags
// (`unknown flag: --foo` + `See 'kubectl get --help' for usage.`), runs the command against the
// cluster, settles the cluster after mutating commands, and renders errors as CheckErr does.

import type { Cluster } from '../cluster/cluster.ts';
import { ApiError } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { applyCommand } from './apply.ts';
import { cordonCommand, uncordonCommand } from './cordon.ts';
import { createCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { drainCommand } from './drain.ts';
import { execCommand } from './exec.ts';
import { type Command, Ctx, FlagError, GLOBAL_FLAGS, type KubectlOptions, type KubectlResult, parseFlags, renderError, shellSplit } from './flags.ts';
import { getCommand } from './get.ts';
import { labelCommand } from './label.ts';
import { logsCommand } from './logs.ts';
import { portForwardCommand } from './portforward.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';
import { taintCommand } from './taint.ts';

export type { KubectlResult, KubectlOptions } from './flags.ts';

const COMMANDS: Command[] = [
  applyCommand, cordonCommand, createCommand, deleteCommand, describeCommand, drainCommand, execCommand, getCommand, labelCommand,
  logsCommand, portForwardCommand, runCommand, scaleCommand, taintCommand, uncordonCommand,
];

/** Commands that only read: the cluster is not settled after them. */
const READ_ONLY = new Set(['get', 'describe', 'logs', 'exec', 'port-forward']);

/** Every kubectl 1.33 command (for suggestions and `not supported yet`). */
const KUBECTL_COMMANDS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info',
  'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events',
  'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs', 'options', 'patch', 'plugin', 'port-forward',
  'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** cobra's SuggestionsFor: distance <= 2, or a prefix of a command name. */
function suggestions(typed: string): string[] {
  const t = typed.toLowerCase();
  return KUBECTL_COMMANDS.filter((c) => levenshtein(t, c) <= 2 || c.startsWith(t));
}

/** Index of the command word: the first word that is not a global flag or its value. */
function findCommand(words: string[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-')) return i;
    if (w === '--') return -1;
    const spec = GLOBAL_FLAGS.find((s) => w === `--${s.name}` || w === `-${s.short}`);
    if (spec && spec.type !== 'bool') i++;
  }
  return -1;
}

export function runKubectl(cluster: Cluster, args: string[] | string, opts: KubectlOptions = {}): KubectlResult {
  let words: string[];
  try {
    words = typeof args === 'string' ? shellSplit(args) : [...args];
  } catch (e) {
    return { stdout: '', stderr: renderError(e), exitCode: 1 };
  }
  if (words[0] === 'kubectl') words.shift();

  const at = findCommand(words);
  if (at < 0) {
    return { stdout: '', stderr: renderError(new NotSupportedError('kubectl without a command (help output)')), exitCode: 1 };
  }
  const name = words[at];
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    if (KUBECTL_COMMANDS.includes(name)) {
      return { stdout: '', stderr: renderError(new NotSupportedError(`kubectl ${name}`)), exitCode: 1 };
    }
    const sugg = suggestions(name);
    let msg = `error: unknown command "${name}" for "kubectl"`;
    if (sugg.length) msg += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}`;
    return { stdout: '', stderr: msg.endsWith('\n') ? msg : msg + '\n', exitCode: 1 };
  }

  const commandPath = `kubectl ${name}`;
  let ctx: Ctx;
  try {
    const rest = [...words.slice(0, at), ...words.slice(at + 1)];
    if (rest.includes('-h') || rest.includes('--help')) throw new NotSupportedError(`kubectl ${name} --help`);
    ctx = new Ctx(cluster, opts, commandPath, parseFlags(rest, command.flags, commandPath));
  } catch (e) {
    if (e instanceof FlagError || e instanceof UserError) return { stdout: '', stderr: renderError(e), exitCode: 1 };
    throw e;
  }

  let exitCode: number;
  let failure = '';
  try {
    exitCode = command.run(ctx);
  } catch (e) {
    if (!(e instanceof UserError) && !(e instanceof ApiError)) throw e;
    failure = renderError(e);
    exitCode = 1;
  }
  if (!READ_ONLY.has(name)) cluster.settle();
  return { stdout: ctx.stdout(), stderr: ctx.stderr() + failure, exitCode };
}
