// Runs one commander program in-process and turns its outcome into {stdout, stderr, exitCode}:
// usage errors (unknown option, missing argument, bad choice) are one `error: ...` line and exit
// 2; a UserError is `error: <message>` and exit 1; any other exception is a bug, but still prints
// only `error: <message>` (no stack trace) and exits 1. Nothing here writes to the process itself:
// the caller passes where standard output goes, or gets it back.

import { type Command, CommanderError } from 'commander';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What a subcommand action writes; the runner collects it. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Thrown by an action to end with a given exit code after its output. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const USAGE_EXIT = 2;

/**
 * Builds the program with `build(io)`, parses argv (user arguments only, no `node script`). With
 * `stream`, standard output goes there as it is written (a big `-o json` report is more than one
 * string can hold) and the result's stdout stays empty; stderr is collected either way.
 */
export function runProgram(
  build: (io: CliOutput) => Command,
  argv: string[],
  stream?: (text: string) => void,
): CliResult {
  let stdout = '';
  let stderr = '';
  const out =
    stream ??
    ((t: string) => {
      stdout += t;
    });
  const io: CliOutput = {
    out,
    err: (t) => {
      stderr += t;
    },
  };
  const program = build(io);
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => {
        out(s);
      },
      writeErr: (s) => {
        stderr += s;
      },
      outputError: (s) => {
        stderr += s.endsWith('\n') ? s : `${s}\n`;
      },
    });
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  try {
    program.parse(argv, { from: 'user' });
    return { stdout, stderr, exitCode: 0 };
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      if (e.exitCode === 0) return { stdout, stderr, exitCode: 0 };
      return { stdout, stderr, exitCode: USAGE_EXIT };
    }
    if (e instanceof ExitCode) return { stdout, stderr, exitCode: e.code };
    const message = e instanceof Error ? e.message : String(e);
    return { stdout, stderr: `${stderr}error: ${message}\n`, exitCode: 1 };
  }
}
