// Entry point of the simulated kubectl 1.33: splits the command line, finds the command (cobra's
// `unknown command "x" for "kubectl"` with its "Did you mean this?" suggestions), parses flags
// (`unknown flag: --foo` + `See 'kubectl get --help' for usage.`), runs the command against the
// cluster, settles the cluster after mutating commands, and renders errors as CheckErr does.

import type { Cluster } from '../cluster/cluster.ts';
import { ApiError } from '../store/errors.ts';
import type { FieldWriter } from '../store/managedfields.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { annotateCommand } from './annotate.ts';
import { apiResourcesCommand } from './apiresources.ts';
import { applyCommand } from './apply.ts';
import { cordonCommand, uncordonCommand } from './cordon.ts';
import { createCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { drainCommand } from './drain.ts';
import { execCommand } from './exec.ts';
import { explainCommand } from './explain.ts';
import { exposeCommand } from './expose.ts';
import {
  type Command,
  Ctx,
  FlagError,
  GLOBAL_FLAGS,
  type KubectlOptions,
  type KubectlResult,
  parseFlags,
  renderError,
  shellSplit,
} from './flags.ts';
import { getCommand } from './get.ts';
import { labelCommand } from './label.ts';
import { logsCommand } from './logs.ts';
import { patchCommand } from './patch.ts';
import { portForwardCommand } from './portforward.ts';
import { rolloutCommand } from './rollout.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';
import { setCommand } from './set.ts';
import { taintCommand } from './taint.ts';
import { waitCommand } from './wait.ts';

export type { KubectlResult, KubectlOptions } from './flags.ts';

const COMMANDS: Command[] = [
  annotateCommand,
  apiResourcesCommand,
  applyCommand,
  cordonCommand,
  createCommand,
  deleteCommand,
  describeCommand,
  drainCommand,
  execCommand,
  explainCommand,
  exposeCommand,
  getCommand,
  labelCommand,
  logsCommand,
  patchCommand,
  portForwardCommand,
  rolloutCommand,
  runCommand,
  scaleCommand,
  setCommand,
  taintCommand,
  uncordonCommand,
  waitCommand,
];

/**
 * The field manager kube-apiserver records for a command's writes (managedFields): the command's
 * --field-manager, whose defaults are these (AddFieldManagerFlagVar in
 * staging/src/k8s.io/kubectl/pkg/cmd/<command>/; apply's FieldManagerClientSideApply), else the
 * first part of kubectl's user agent, `kubectl` (managerOrUserAgent,
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go). A real kubectl's user agent starts
 * with the name it was run by (`kubectl`).
 */
const FIELD_MANAGERS: [string, string][] = [
  ['kubectl run', 'kubectl-run'],
  ['kubectl create', 'kubectl-create'],
  ['kubectl apply', 'kubectl-client-side-apply'],
  ['kubectl label', 'kubectl-label'],
  ['kubectl annotate', 'kubectl-annotate'],
  ['kubectl patch', 'kubectl-patch'],
  ['kubectl set', 'kubectl-set'],
  ['kubectl rollout restart', 'kubectl-rollout'],
  ['kubectl rollout pause', 'kubectl-rollout'],
  ['kubectl rollout resume', 'kubectl-rollout'],
  ['kubectl taint', 'kubectl-taint'],
  ['kubectl expose', 'kubectl-expose'],
  ['kubectl edit', 'kubectl-edit'],
  ['kubectl replace', 'kubectl-replace'],
];

export function kubectlFieldWriter(commandPath: string, ctx: Ctx): FieldWriter {
  const flag = ctx.str('field-manager');
  const manager = flag || FIELD_MANAGERS.find(([p]) => commandPath === p || commandPath.startsWith(`${p} `))?.[1];
  // kubectl scale writes the scale subresource (scale.ScalesGetter)
  if (commandPath === 'kubectl scale') return { manager: manager ?? 'kubectl', subresource: 'scale' };
  return { manager: manager ?? 'kubectl' };
}

/** Commands that only read: the cluster is not settled after them. */
const READ_ONLY = new Set(['get', 'describe', 'logs', 'exec', 'port-forward', 'api-resources', 'explain']);

/**
 * Every kubectl 1.33 command, in the order NewKubectlCommand registers them
 * (staging/src/k8s.io/kubectl/pkg/cmd/cmd.go): cobra's SuggestionsFor walks the commands in that
 * order. `alpha` (no alpha commands in the build) and cobra's `help` are not available commands.
 */
const KUBECTL_COMMANDS = [
  'create',
  'expose',
  'run',
  'set',
  'explain',
  'get',
  'edit',
  'delete',
  'rollout',
  'scale',
  'autoscale',
  'certificate',
  'cluster-info',
  'top',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'describe',
  'logs',
  'attach',
  'exec',
  'port-forward',
  'proxy',
  'cp',
  'auth',
  'debug',
  'events',
  'diff',
  'apply',
  'patch',
  'replace',
  'wait',
  'kustomize',
  'label',
  'annotate',
  'completion',
  'config',
  'plugin',
  'version',
  'api-versions',
  'api-resources',
  'options',
];

/** Why a real command is refused, where the bare name would not say. */
const NOT_SUPPORTED_WHY: Record<string, string> = {};

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

/** The subcommand named by the first word of `words` that is neither a flag nor a flag's value. */
function findSubcommand(parent: Command, words: string[]): { command: Command; at: number } | undefined {
  if (!parent.subcommands) return undefined;
  const specs = [...GLOBAL_FLAGS, ...parent.flags];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return undefined;
    if (w.startsWith('-') && w.length > 1) {
      if (w.includes('=')) continue;
      const spec = specs.find((s) => w === `--${s.name}` || w === `-${s.short}`);
      if (spec && spec.type !== 'bool' && spec.noOptDefault === undefined) i++;
      continue;
    }
    const command = parent.subcommands.find((c) => c.name === w || c.aliases?.includes(w));
    return command ? { command, at: i } : undefined;
  }
  return undefined;
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
    return {
      stdout: '',
      stderr: renderError(new NotSupportedError('kubectl without a command (help output)')),
      exitCode: 1,
    };
  }
  const name = words[at];
  const top = COMMANDS.find((c) => c.name === name);
  if (!top) {
    if (KUBECTL_COMMANDS.includes(name)) {
      return {
        stdout: '',
        stderr: renderError(new NotSupportedError(NOT_SUPPORTED_WHY[name] ?? `kubectl ${name}`)),
        exitCode: 1,
      };
    }
    const sugg = suggestions(name);
    let msg = `error: unknown command "${name}" for "kubectl"`;
    if (sugg.length) msg += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}`;
    return { stdout: '', stderr: msg.endsWith('\n') ? msg : msg + '\n', exitCode: 1 };
  }

  // cobra's Find: the first word after the command that is not a flag (or a flag's value) may
  // name one of its subcommands (`create deployment`, `rollout status`), whose flags then apply.
  let rest = [...words.slice(0, at), ...words.slice(at + 1)];
  let command = top;
  let commandPath = `kubectl ${name}`;
  for (let sub = findSubcommand(command, rest); sub; sub = findSubcommand(command, rest)) {
    command = sub.command;
    commandPath += ` ${command.name}`;
    rest = [...rest.slice(0, sub.at), ...rest.slice(sub.at + 1)];
  }
  let ctx: Ctx;
  try {
    if (rest.includes('-h') || rest.includes('--help')) throw new NotSupportedError(`${commandPath} --help`);
    if (command.subcommands && !command.run)
      throw new NotSupportedError(`${commandPath} without a subcommand (prints its help)`);
    ctx = new Ctx(cluster, opts, commandPath, parseFlags(rest, command.flags, commandPath));
    // cobra's ValidateRequiredFlags, before the command runs (names in flag order).
    const missing = command.flags
      .filter((f) => f.required && !ctx.has(f.name))
      .map((f) => f.name)
      .sort();
    if (missing.length) throw new UserError(`required flag(s) "${missing.join('", "')}" not set`);
  } catch (e) {
    if (e instanceof FlagError || e instanceof UserError) return { stdout: '', stderr: renderError(e), exitCode: 1 };
    throw e;
  }

  let exitCode: number;
  let failure = '';
  try {
    const run = ctx;
    exitCode = cluster.store.as(kubectlFieldWriter(commandPath, run), () => command.run!(run));
  } catch (e) {
    if (!(e instanceof UserError) && !(e instanceof ApiError)) throw e;
    failure = renderError(e);
    exitCode = 1;
  }
  if (!READ_ONLY.has(name)) cluster.settle();
  const hints = ctx.hints();
  return { stdout: ctx.stdout(), stderr: ctx.stderr() + failure, exitCode, ...(hints.length ? { hints } : {}) };
}
