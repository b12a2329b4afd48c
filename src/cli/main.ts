// The `kube-scenarios` command line: a thin dispatcher over the subcommands (each builds its own
// commander Command) plus --version. bin/kube-scenarios calls main(); tests call runCli().

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { type CliOutput, type CliResult, runProgram } from './command.ts';
import { simulateCommand } from './simulate.ts';
import { compareCommand } from './compare.ts';
import { initCommand } from './init.ts';
import { explainCommand } from './explain.ts';
import { addExamples } from './examples.ts';
import { serveCommand } from './serve.ts';
import { PROJECT_DIR } from '../util/paths.ts';

function version(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(io: CliOutput): Command {
  const program = new Command('kube-scenarios')
    .description('Test Kubernetes scheduling and pod lifecycle without a cluster')
    .version(version(), '--version', 'print the version')
    .showSuggestionAfterError(true);
  program.addCommand(simulateCommand(io));
  program.addCommand(compareCommand(io));
  program.addCommand(initCommand(io));
  program.addCommand(explainCommand(io));
  program.addCommand(serveCommand(io));
  addExamples(program);
  return program;
}

/** Runs the CLI in-process; argv excludes `node` and the script. */
export function runCli(argv: string[]): CliResult {
  return runProgram(buildProgram, argv);
}

/**
 * A stream's error events, typed without Node's global types: the library's declarations
 * (lib/src/index.d.ts reaches this file) type-check in a project without @types/node.
 */
interface ErrorEmitter {
  on(event: 'error', listener: (e: Error & { code?: string }) => void): unknown;
}

/**
 * Ignores a write error that only says the reader went away (EPIPE: `simulate … | head -1`): the
 * output is no longer wanted, and the run ends quietly, with its own exit code.
 */
export function ignoreClosedReader(stream: ErrorEmitter): void {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

export function main(): void {
  ignoreClosedReader(process.stdout);
  ignoreClosedReader(process.stderr);
  // standard output as it is written: a big report never has to fit in one string
  const r = runProgram(buildProgram, process.argv.slice(2), (text) => {
    process.stdout.write(text);
  });
  process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}

if (require.main === module) main();
