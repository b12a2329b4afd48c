// Shared plumbing of the simulated kubectl: shell-like word splitting, pflag-style flag parsing
// (`--name=value`, `--name value`, `-n value`, `-nvalue`, `--` ends flags), the command context
// handed to each command, and the rendering of errors as kubectl's CheckErr prints them
// (`error: ...`, `Error from server (Reason): ...`, `The Pod "x" is invalid: ...`).

import type { Cluster } from '../cluster/cluster.ts';
import { formatFieldError } from '../api/fielderrors.ts';
import { ApiError } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Where a failure comes from in the user's files (`x.yaml:9: ...`), for the step failure
   * messages: kubectl itself prints only what the server said.
   */
  hints?: string[];
}

export interface KubectlOptions {
  cwd?: string;
  readFile?: (path: string) => string;
  /** What `-f -` reads. */
  stdin?: string;
  /**
   * When set (scenarios set it to the project directory), `-f` paths must resolve inside it:
   * `-f ../../etc/passwd` is an error instead of a read. kubectl itself reads any path.
   */
  root?: string;
}

export type FlagType = 'bool' | 'string' | 'int' | 'array';
export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean;
  /** pflag NoOptDefVal: the value of `--flag` given without `=value` (bools: "true"). */
  noOptDefault?: string;
  /** cobra MarkFlagRequired: `required flag(s) "image" not set` when absent. */
  required?: boolean;
}

export type FlagValues = Record<string, string | number | boolean | string[] | undefined>;

export interface ParsedArgs {
  flags: FlagValues;
  /** Flags given explicitly on the command line. */
  changed: Set<string>;
  positional: string[];
  /** Words after `--` (also included in positional, as cobra does). */
  dashArgs: string[] | undefined;
}

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '' },
  { name: 'context', type: 'string', default: '' },
  { name: 'kubeconfig', type: 'string', default: '' },
  // client-go's request timeout: ends `get --watch` after that much virtual time (getwatch.ts)
  { name: 'request-timeout', type: 'string', default: '0' },
];

/** A command's output streams and the cluster it talks to. */
export class Ctx {
  private out: string[] = [];
  private err: string[] = [];
  private hintLines: string[] = [];
  constructor(
    readonly cluster: Cluster,
    readonly opts: KubectlOptions,
    readonly commandPath: string,
    readonly args: ParsedArgs,
  ) {}

  print(s: string): void {
    this.out.push(s.endsWith('\n') ? s : s + '\n');
  }
  printRaw(s: string): void {
    this.out.push(s);
  }
  eprint(s: string): void {
    this.err.push(s.endsWith('\n') ? s : s + '\n');
  }
  stdout(): string {
    return this.out.join('');
  }
  stderr(): string {
    return this.err.join('');
  }
  /** Records where a failure comes from in the user's files (KubectlResult.hints). */
  hint(s: string): void {
    this.hintLines.push(s);
  }
  hints(): string[] {
    return this.hintLines;
  }

  flag<T extends string | number | boolean | string[]>(name: string): T {
    return this.args.flags[name] as T;
  }
  str(name: string): string {
    return String(this.args.flags[name] ?? '');
  }
  bool(name: string): boolean {
    return this.args.flags[name] === true;
  }
  has(name: string): boolean {
    return this.args.changed.has(name);
  }
  /** The namespace requested with -n, or `default`. */
  namespace(): string {
    return this.str('namespace') || 'default';
  }
  explicitNamespace(): boolean {
    return this.args.changed.has('namespace') && this.str('namespace') !== '';
  }
}

/** An error kubectl reports through cmdutil.UsageErrorf: message plus the `-h` hint. */
export class UsageError extends UserError {
  constructor(
    message: string,
    readonly commandPath: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A flag parsing error: message plus the `--help` hint (templater.FlagErrorFunc). */
export class FlagError extends UserError {
  constructor(
    message: string,
    readonly commandPath: string,
  ) {
    super(message);
    this.name = 'FlagError';
  }
}

/**
 * Several independent errors (utilerrors.Aggregate with more than one element): CheckErr prints
 * each on its own line with no `error: ` prefix.
 */
export class Aggregate extends UserError {
  /** `bare`: printed without `error: ` even when there is a single message (a nested aggregate). */
  constructor(
    readonly messages: string[],
    readonly bare = false,
  ) {
    super(messages.join('\n'));
    this.name = 'Aggregate';
  }
}

/** utilerrors.Aggregate.Error(): one message as is, several as `[a, b]`. */
export const aggregateText = (msgs: string[]) => (msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);

/** Splits a command line like a POSIX shell: quotes, backslash escapes, whitespace. */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UserError(`unterminated quote in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++;
        cur += line[i];
      }
      if (i >= line.length) throw new UserError(`unterminated quote in: ${line}`);
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) {
        words.push(cur);
        cur = '';
        inWord = false;
      }
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const TRUE_WORDS = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** pflag parsing of `words` against the command's flags plus the global ones. */
export function parseFlags(words: string[], specs: FlagSpec[], commandPath: string): ParsedArgs {
  const all = [...GLOBAL_FLAGS, ...specs];
  const flags: FlagValues = {};
  for (const s of all)
    flags[s.name] = s.type === 'array' ? [] : (s.default ?? (s.type === 'bool' ? false : s.type === 'int' ? 0 : ''));
  const changed = new Set<string>();
  const positional: string[] = [];
  let dashArgs: string[] | undefined;
  const bad = (msg: string) => new FlagError(msg, commandPath);

  const set = (spec: FlagSpec, raw: string, shown: string) => {
    changed.add(spec.name);
    switch (spec.type) {
      case 'bool':
        if (TRUE_WORDS.includes(raw)) flags[spec.name] = true;
        else if (FALSE_WORDS.includes(raw)) flags[spec.name] = false;
        else
          throw bad(
            `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
          );
        break;
      case 'int':
        if (!/^[+-]?\d+$/.test(raw))
          throw bad(
            `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`,
          );
        flags[spec.name] = parseInt(raw, 10);
        break;
      case 'array':
        (flags[spec.name] as string[]).push(raw);
        break;
      default:
        flags[spec.name] = raw;
    }
  };

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      dashArgs = words.slice(i + 1);
      positional.push(...dashArgs);
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq >= 0 ? w.slice(2, eq) : w.slice(2);
      const spec = all.find((s) => s.name === name);
      if (!spec) throw bad(`unknown flag: --${name}`);
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      if (eq >= 0) set(spec, w.slice(eq + 1), shown);
      else if (spec.type === 'bool') set(spec, 'true', shown);
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, shown);
      else if (i + 1 < words.length) set(spec, words[++i], shown);
      else throw bad(`flag needs an argument: --${name}`);
    } else if (w.startsWith('-') && w.length > 1) {
      // One or more shorthand flags: -A, -Ao wide, -owide, -o=wide.
      let j = 1;
      while (j < w.length) {
        const c = w[j];
        const spec = all.find((s) => s.short === c);
        if (!spec) throw bad(`unknown shorthand flag: '${c}' in ${w}`);
        const shown = `-${spec.short}, --${spec.name}`;
        const rest = w.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), shown);
            break;
          }
          set(spec, 'true', shown);
          j++;
          continue;
        }
        if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, shown);
        else if (i + 1 < words.length) set(spec, words[++i], shown);
        else throw bad(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
    } else {
      positional.push(w);
    }
  }
  return { flags, changed, positional, dashArgs };
}

/** The text kubectl's CheckErr prints for an error (always ends with a newline). */
export function renderError(err: unknown): string {
  const nl = (s: string) => (s.endsWith('\n') ? s : s + '\n');
  if (err instanceof ApiError) return nl(renderApiError(err));
  if (err instanceof UsageError)
    return nl(`${prefixError(err.message)}\nSee '${err.commandPath} -h' for help and examples`);
  if (err instanceof FlagError) return nl(`${prefixError(err.message)}\nSee '${err.commandPath} --help' for usage.`);
  if (err instanceof Aggregate)
    return err.messages.length === 1 && !err.bare
      ? nl(prefixError(err.messages[0]))
      : err.messages.map((m) => nl(m)).join('');
  if (err instanceof UserError) return nl(prefixError(err.message));
  throw err;
}

export function prefixError(msg: string): string {
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

/**
 * kubectl's rendering of an API status error. Invalid ones go through MultilineError
 * (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go), which ends every cause with a newline even
 * when the cause's message already ends with one (the cmp.Diff of a refused pod update): then a
 * blank line follows.
 */
export function renderApiError(err: ApiError): string {
  const multiline = (prefix: string, texts: string[]) =>
    texts.length === 1 ? `${prefix}: ${texts[0]}\n` : `${prefix}: \n${texts.map((t) => `* ${t}\n`).join('')}`;
  if (err.reason === 'Invalid' && (err.kind || err.objectName)) {
    const texts = [...new Set(err.fieldErrors.map(formatFieldError))];
    if (texts.length === 0) return `The ${err.kind} "${err.objectName}" is invalid`;
    return multiline(`The ${err.kind} "${err.objectName}" is invalid`, texts);
  }
  if (err.reason === 'Invalid' && err.fieldErrors.length) {
    // checkErr with neither kind nor name in the details
    return multiline('The request is invalid', [...new Set(err.fieldErrors.map(formatFieldError))]);
  }
  return `Error from server (${err.reason}): ${err.message}`;
}

/** The same error with kubectl's `error when <verb> "<file>": ` context in its message. */
export function withSource(err: ApiError, verb: string, file: string): ApiError {
  return new ApiError(
    err.reason,
    `error when ${verb} "${file}": ${err.message}`,
    err.code,
    err.fieldErrors,
    err.kind,
    err.objectName,
  );
}

/** One kubectl command: its own flags (the global ones are always added) and its body. */
export interface Command {
  name: string;
  /** Other names of a subcommand (`create ns` for `create namespace`). */
  aliases?: string[];
  flags: FlagSpec[];
  /** Commands under this one (`create deployment`, `rollout status`), each with its own flags. */
  subcommands?: Command[];
  /** Runs the command, writing to ctx; returns the exit code. May throw user/API errors. Absent: only subcommands run. */
  run?(ctx: Ctx): number;
}

/** A real subcommand the simulator does not implement: `not supported yet: kubectl <parent> <name>`. */
export function unsupportedSubcommand(parent: string, name: string): Command {
  return {
    name,
    flags: [],
    run: () => {
      throw new NotSupportedError(`kubectl ${parent} ${name}`);
    },
  };
}
