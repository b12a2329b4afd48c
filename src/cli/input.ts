// The `-f` arguments of `simulate`, `explain` and `compare`, read as kubectl reads those of `kubectl apply`
// (staging/src/k8s.io/cli-runtime/pkg/resource/builder.go FilenameParam and Path, visitor.go
// ExpandPathsToFileVisitors), with kubectl's messages:
// - `-f -` reads stdin (named STDIN in messages); a second `-f -` finds it empty.
// - a path that does not exist but has `*`, `?`, `[` or `\` is a pattern (expandIfFilePattern).
// - `-f DIR` reads the directory's .json, .yaml and .yml files in lexical order; its
//   subdirectories only with -R (--recursive). A file given by name is read whatever its name.
// - a missing path is `the path "x" does not exist`, one that cannot be examined `the path "x"
//   cannot be accessed: stat x: <reason>`, one that cannot be opened `open x: <reason>`.
// - if nothing at all was found, `error reading [DIR]: recognized file extensions are [.json
//   .yaml .yml]`; if no file holds an object, `no objects passed to apply`.
// Unlike kubectl, which reads /dev/zero until memory runs out, an input that is neither a regular
// file, a directory, a FIFO (`-f <(helm template …)`) nor the null device is refused, and no input
// may be larger than INPUT_LIMIT_MIB.

import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { Option, type Command } from 'commander';
import type { ManifestEntry } from '../api/manifest.ts';
import { nodesFirst, readInventory, skippedNote, type SkippedObject } from '../inventory/inventory.ts';
import { UserError } from '../util/errors.ts';
import type { CliOutput } from './command.ts';
import { NO_PROGRESS, type Progress } from './progress.ts';

/** The largest input (one file, or stdin) read, in MiB. */
export const INPUT_LIMIT_MIB = 256;
const INPUT_LIMIT = INPUT_LIMIT_MIB * 1024 * 1024;

/** kubectl's name for stdin in messages (cli-runtime visitor.go constSTDINstr). */
export const STDIN = 'STDIN';

/** Go's %q, as kubectl quotes paths in messages (a backslash doubled). */
const q = (s: string) => JSON.stringify(s);

/** The extensions of the files read from a directory (cli-runtime builder.go FileExtensions). */
const FILE_EXTENSIONS = ['.json', '.yaml', '.yml'];

export interface InputOptions {
  filename: string[];
  recursive?: boolean;
}

/** Adds `-f, --filename` (repeatable) and `-R, --recursive` to a command. */
export function withInputOptions(cmd: Command): Command {
  return cmd
    .requiredOption(
      '-f, --filename <file>',
      'a YAML or JSON file, a directory of them, or - for stdin (repeatable)',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .addOption(
      new Option('-R, --recursive', 'read the subdirectories of the directories given with -f too').default(false),
    );
}

/** The files' documents in the order they are applied, and the documents skipped. */
export interface Input {
  entries: ManifestEntry[];
  skipped: SkippedObject[];
}

/**
 * Reads the inputs; each file as the step `When I install` reads one (src/inventory/inventory.ts):
 * its Nodes first, documents of kinds the simulator does not model skipped. Prints one warning
 * naming the skipped documents on `io.err`.
 */
export function loadInput(opts: InputOptions, io?: Pick<CliOutput, 'err'>, progress: Progress = NO_PROGRESS): Input {
  const input: Input = { entries: [], skipped: [] };
  const texts = readInputs(opts);
  progress.phase('reading files', texts.length);
  texts.forEach(({ file, text }, i) => {
    const inv = readInventory(text, file);
    input.entries.push(...nodesFirst(inv.entries));
    input.skipped.push(...inv.skipped);
    progress.update(i + 1);
  });
  if (input.entries.length === 0 && input.skipped.length === 0) throw new UserError('no objects passed to apply');
  if (input.skipped.length && io) io.err(`warning: ${skippedNote(input.skipped)}\n`);
  return input;
}

export interface InputText {
  file: string;
  text: string;
}

/** The texts of the inputs, in order (see the header). */
export function readInputs({ filename, recursive = false }: InputOptions): InputText[] {
  const out: InputText[] = [];
  let stdinRead = false;
  for (const path of filename) {
    if (path === '-') {
      out.push({ file: STDIN, text: stdinRead ? '' : stdin.read() });
      stdinRead = true;
      continue;
    }
    const paths = expandGlob(path);
    const files = paths.flatMap((p) => expandPath(p, recursive));
    if (files.length === 0 && out.length === 0)
      throw new UserError(
        `error reading [${paths.join(' ')}]: recognized file extensions are [${FILE_EXTENSIONS.join(' ')}]`,
      );
    for (const file of files) out.push({ file, text: readPath(file) });
  }
  return out;
}

/** Go's texts for the system errors a path can meet (kubectl prints them). */
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENAMETOOLONG: 'file name too long',
  EISDIR: 'is a directory',
  EEXIST: 'file exists',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENXIO: 'no such device or address',
};

/** `<op> <path>: <reason>` as Go's os.PathError reads, for a Node.js file-system error. */
export function pathErrorText(op: string, path: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const reason = (err.code && ERRNO_TEXT[err.code]) || err.message;
  return `${op} ${path}: ${reason}`;
}

/**
 * The paths a pattern matches when no file has its name (builder.go expandIfFilePattern, with
 * Go's path/filepath Glob: `*`, `?`, `[a-z]`, `[^a]`, `\\` escapes; each directory's names in
 * lexical order; a dot file matches `*` too), else the path itself.
 */
export function expandGlob(pattern: string): string[] {
  if (!/[*?[\\]/.test(pattern)) return [pattern];
  try {
    statSync(pattern);
    return [pattern];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return [pattern];
  }
  let matches: string[];
  try {
    matches = glob(pattern);
  } catch (e) {
    if (!(e instanceof BadPattern)) throw e;
    throw new UserError(`pattern ${q(pattern)} is not valid: syntax error in pattern`);
  }
  if (matches.length === 0) throw new UserError(`the path ${q(pattern)} does not exist`);
  return matches;
}

class BadPattern extends Error {}

/** Go's filepath.Match for one name: the pattern as a regular expression (throws BadPattern when malformed). */
function segmentRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (++i >= pattern.length) throw new BadPattern();
      re += escapeRegExp(pattern[i]);
    } else if (c === '[') {
      // Go's matchChunk and getEsc: items `c` or `lo-hi` until `]` after at least one; a `-` or
      // `]` where an item's character is due, or a missing `]`, is malformed.
      let j = i + 1;
      const negated = pattern[j] === '^';
      if (negated) j++;
      const char = (): string => {
        let ch = pattern[j];
        if (ch === undefined || ch === '-' || ch === ']') throw new BadPattern();
        if (ch === '\\') {
          ch = pattern[++j];
          if (ch === undefined) throw new BadPattern();
        }
        j++;
        if (j >= pattern.length) throw new BadPattern();
        return ch;
      };
      let cls = '';
      for (let items = 0; !(pattern[j] === ']' && items > 0); items++) {
        const lo = char();
        let hi = lo;
        if (pattern[j] === '-') {
          j++;
          hi = char();
        }
        if (lo <= hi) cls += lo === hi ? escapeRegExp(lo) : `${escapeRegExp(lo)}-${escapeRegExp(hi)}`; // hi < lo: a range of nothing
      }
      re += negated ? `[^/${cls}]` : `[${cls}]`;
      i = j;
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 's');
}

const escapeRegExp = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** filepath.Glob: the directory part globbed first when it has meta characters itself. */
function glob(pattern: string): string[] {
  const cut = pattern.lastIndexOf('/');
  const dir = cut < 0 ? '.' : cut === 0 ? '/' : pattern.slice(0, cut);
  const base = pattern.slice(cut + 1);
  const re = segmentRegExp(base);
  const dirs = /[*?[\\]/.test(dir) ? glob(dir) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      if (!statSync(d).isDirectory()) continue;
      names = readdirSync(d).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch {
      continue;
    }
    for (const n of names) if (re.test(n)) out.push(cut < 0 ? n : join(d, n));
  }
  return out;
}

/** The files a path stands for: itself, or a directory's files (builder.go Path). */
function expandPath(path: string, recursive: boolean): string[] {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`the path ${q(path)} does not exist`);
    throw new UserError(`the path ${q(path)} cannot be accessed: ${pathErrorText('stat', path, e)}`);
  }
  if (!stats.isDirectory()) return [path];
  const files: string[] = [];
  const walk = (dir: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    } catch (e) {
      throw new UserError(`error reading ${q(path)}: ${pathErrorText('open', dir, e)}`);
    }
    for (const d of entries) {
      const p = join(dir, d.name);
      if (d.isDirectory()) {
        if (recursive) walk(p);
      } else if (FILE_EXTENSIONS.some((x) => d.name.endsWith(x))) files.push(p);
    }
  };
  walk(path);
  return files;
}

const NULL_DEVICE = '/dev/null';

function isNullDevice(stats: Stats): boolean {
  try {
    return stats.isCharacterDevice() && stats.rdev === statSync(NULL_DEVICE).rdev;
  } catch {
    return false;
  }
}

/** Refuses what is not a regular file, a FIFO or the null device (`subject`: `the path "x"` or STDIN). */
function refuseKind(subject: string, stats: Stats): void {
  if (stats.isFile() || stats.isFIFO() || isNullDevice(stats)) return;
  const what = stats.isDirectory()
    ? 'a directory'
    : stats.isCharacterDevice()
      ? 'a character device'
      : stats.isBlockDevice()
        ? 'a block device'
        : stats.isSocket()
          ? 'a socket'
          : 'of an unknown type';
  throw new UserError(`${subject} is not a regular file (it is ${what}) — give a file, a directory, or - for stdin`);
}

function tooLarge(name: string): UserError {
  return new UserError(
    `${name} is larger than ${INPUT_LIMIT_MIB} MiB, the limit for one input — split it into several files`,
  );
}

/** One file's text (a --config file), read with the checks of `-f` (see the header). */
export function readInputFile(path: string): string {
  let directory = false;
  try {
    directory = statSync(path).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`the path ${q(path)} does not exist`);
  }
  if (directory) throw new UserError(`the path ${q(path)} is a directory, not a file`);
  return readPath(path);
}

function readPath(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw new UserError(`the path ${q(path)} cannot be accessed: ${pathErrorText('stat', path, e)}`);
  }
  refuseKind(`the path ${q(path)}`, stats);
  if (stats.isFile() && stats.size > INPUT_LIMIT) throw tooLarge(`the path ${q(path)}`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new UserError(pathErrorText('open', path, e));
  }
  try {
    return readLimited(fd, path);
  } finally {
    closeSync(fd);
  }
}

/** Where `-f -` reads from: the process's stdin; tests that run the CLI in-process give text instead. */
export const stdin = { read: readStdin };

function readStdin(): string {
  const stats = fstatSync(0);
  // A terminal is where a person types the manifest (kubectl reads it too); a socket is a pipe
  // some programs (Node's child_process) give.
  if (!(stats.isCharacterDevice() && isatty(0)) && !stats.isSocket()) refuseKind(STDIN, stats);
  return readLimited(0, STDIN);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Reads to the end, refusing more than INPUT_LIMIT bytes. */
function readLimited(fd: number, name: string): string {
  // Read into one buffer, sized from the file when it has a size, grown by doubling otherwise
  // (a pipe): no copy per chunk and no concatenation of a 22 MB capture.
  let size = 0;
  try {
    size = fstatSync(fd).size;
  } catch {
    /* a pipe or a terminal: no size */
  }
  let buf = Buffer.allocUnsafe(Math.min(Math.max(1 << 20, size + 1), INPUT_LIMIT + 1));
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, INPUT_LIMIT + 1));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    let n: number;
    try {
      n = readSync(fd, buf, total, buf.length - total, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      } // a non-blocking pipe with nothing yet
      if (code === 'EOF') break; // Windows' end of a pipe
      throw new UserError(pathErrorText('read', name, e));
    }
    if (n === 0) break;
    total += n;
    if (total > INPUT_LIMIT) throw tooLarge(name === STDIN ? STDIN : `the path ${q(name)}`);
  }
  return buf.toString('utf8', 0, total);
}
