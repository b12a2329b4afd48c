// Steps that run kubectl and check what it printed: `When I run`, `When I try to run`,
// `When I apply`, and the output assertions on the last command.

import { Given, Then, When } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import { NotSupportedError } from '../src/util/errors.ts';
import type { CommandResult, KubeWorld } from './world.ts';
import { textMismatch, withoutFinalNewline } from './lib/text.ts';

/** The file name a doc-string manifest is applied from (kubectl error messages name it). */
const INLINE_MANIFEST = 'manifest.yaml';

function kubectlArgs(commandLine: string): string {
  const m = /^\s*kubectl(?:\s+(.*))?$/s.exec(commandLine);
  if (!m) throw new NotSupportedError(`running "${commandLine}": only kubectl commands can be run in a scenario`);
  return (m[1] ?? '').trim();
}

function show(r: CommandResult): string {
  const hints = r.hints?.length ? `\n--- where (not part of kubectl's output)\n${r.hints.join('\n')}` : '';
  return `$ ${r.command}\nexit code ${r.exitCode}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}---${hints}`;
}

/** Runs the command (on the scenario's backend) and fails the step if kubectl exits non-zero. */
export async function mustRun(world: KubeWorld, args: string): Promise<CommandResult> {
  const r = await world.run(args);
  if (r.exitCode !== 0) throw new AssertionError(`kubectl failed:\n${show(r)}`);
  return r;
}

export async function runCommand(this: KubeWorld, commandLine: string): Promise<void> {
  await mustRun(this, kubectlArgs(commandLine));
}
/**
 * Runs the kubectl command line (files named with `-f` are read from `features/fixtures/` or from a
 * `Given a file` of the scenario); the step fails, showing stdout and stderr, if kubectl exits
 * non-zero. Mutating commands settle the cluster before returning.
 * @example When I run "kubectl label node w1-k8s w2-k8s cpu=2core_over"
 */
When('I run {string}', runCommand);

export async function tryToRun(this: KubeWorld, commandLine: string): Promise<void> {
  await this.run(kubectlArgs(commandLine));
}
/**
 * Runs it and records stdout, stderr and the exit code without failing, for the output assertions
 * below.
 * @example When I try to run "kubectl drain w3-k8s"
 */
When('I try to run {string}', tryToRun);

export function fileContaining(this: KubeWorld, path: string, text: string): void {
  this.writeFile(path, text.endsWith('\n') ? text : `${text}\n`);
}
/**
 * A file (the doc string) that `kubectl … -f` and `When I apply "…"` can read; it shadows a file of
 * that name in `features/fixtures/`.
 * @example Given a file "nginx.yaml" containing:
 */
Given('a file {string} containing:', fileContaining);

export async function applyInline(this: KubeWorld, yaml: string): Promise<void> {
  this.writeFile(INLINE_MANIFEST, `${yaml}\n`);
  await mustRun(this, `apply -f ${INLINE_MANIFEST}`);
}
/**
 * `kubectl apply -f` of the YAML doc string (saved as `manifest.yaml`, the name kubectl's messages
 * show); fails if kubectl fails.
 * @example When I apply:
 */
When('I apply:', applyInline);

export async function applyFile(this: KubeWorld, path: string): Promise<void> {
  await mustRun(this, `apply -f ${path}`);
}
/**
 * `kubectl apply -f FILE`; fails if kubectl fails.
 * @example When I apply "weserver.yaml"
 */
When('I apply {string}', applyFile);

export function commandFailsWith(this: KubeWorld, expected: string): void {
  const r = this.lastCommand();
  if (r.exitCode === 0) throw new AssertionError(`expected \`${r.command}\` to fail, but it exited 0:\n${show(r)}`);
  const diff = textMismatch(`stderr of \`${r.command}\``, expected, withoutFinalNewline(r.stderr));
  if (diff) throw new AssertionError(`${diff}\n(exit code ${r.exitCode}; stdout was:\n${r.stdout})`);
}
/**
 * The last command exited non-zero and its stderr is exactly the doc string (one final newline
 * ignored).
 * @example Then the command fails with:
 */
Then('the command fails with:', commandFailsWith);

export function outputIs(this: KubeWorld, expected: string): void {
  const r = this.lastCommand();
  const diff = textMismatch(`stdout of \`${r.command}\``, expected, withoutFinalNewline(r.stdout));
  if (diff) throw new AssertionError(`${diff}\n(exit code ${r.exitCode}; stderr was:\n${r.stderr})`);
}
/**
 * The stdout of the last command is exactly the doc string (one final newline ignored).
 * @example Then the output is:
 */
Then('the output is:', outputIs);

export function outputContains(this: KubeWorld, fragment: string): void {
  const r = this.lastCommand();
  if (!r.stdout.includes(fragment))
    throw new AssertionError(
      `expected the stdout of \`${r.command}\` to contain ${JSON.stringify(fragment)}:\n${show(r)}`,
    );
}
/**
 * The stdout of the last command contains the text.
 * @example Then the output contains "node/w3-k8s drained"
 */
Then('the output contains {string}', outputContains);

export function outputDoesNotContain(this: KubeWorld, fragment: string): void {
  const r = this.lastCommand();
  if (r.stdout.includes(fragment))
    throw new AssertionError(
      `expected the stdout of \`${r.command}\` not to contain ${JSON.stringify(fragment)}:\n${show(r)}`,
    );
}
/**
 * The stdout of the last command does not contain the text.
 * @example Then the output does not contain "evicting pod default/db"
 */
Then('the output does not contain {string}', outputDoesNotContain);

export function errorOutputContains(this: KubeWorld, fragment: string): void {
  const r = this.lastCommand();
  if (!r.stderr.includes(fragment))
    throw new AssertionError(
      `expected the stderr of \`${r.command}\` to contain ${JSON.stringify(fragment)}:\n${show(r)}`,
    );
}
/**
 * The stderr of the last command contains the text.
 * @example Then the error output contains "ignoring DaemonSet-managed Pods"
 */
Then('the error output contains {string}', errorOutputContains);

export function errorOutputDoesNotContain(this: KubeWorld, fragment: string): void {
  const r = this.lastCommand();
  if (r.stderr.includes(fragment))
    throw new AssertionError(
      `expected the stderr of \`${r.command}\` not to contain ${JSON.stringify(fragment)}:\n${show(r)}`,
    );
}
/**
 * The stderr of the last command does not contain the text.
 * @example Then the error output does not contain "Warning:"
 */
Then('the error output does not contain {string}', errorOutputDoesNotContain);

export function errorOutputIsEmpty(this: KubeWorld): void {
  const r = this.lastCommand();
  if (r.stderr !== '') throw new AssertionError(`expected \`${r.command}\` to print nothing on stderr:\n${show(r)}`);
}
/**
 * The last command printed nothing on stderr.
 * @example Then the error output is empty
 */
Then('the error output is empty', errorOutputIsEmpty);
