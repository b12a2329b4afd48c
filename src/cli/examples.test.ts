import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgram, runCli } from './main.ts';
import { EXAMPLES } from './examples.ts';

const io = { out: () => {}, err: () => {} };

test('--help: every command ends with kubectl-style Examples ("# what", then the command line)', () => {
  const program = buildProgram(io);
  for (const cmd of [program, ...program.commands.filter((c) => c.name() !== 'help')]) {
    const args = cmd === program ? ['--help'] : [cmd.name(), '--help'];
    const r = runCli(args);
    assert.equal(r.exitCode, 0);
    assert.match(
      r.stdout,
      /\nExamples:\n {2}# [^\n]+\n {2}kube-scenarios [^\n]+\n/,
      `${args.join(' ')} has no Examples section`,
    );
    assert.ok(EXAMPLES[cmd.name()]?.length, cmd.name());
  }
});

test('--help examples use only options their command has', () => {
  const program = buildProgram(io);
  for (const cmd of program.commands) {
    for (const e of EXAMPLES[cmd.name()] ?? []) {
      const segment = e.line
        .split(/[|&]+/)
        .map((s) => s.trim())
        .find((s) => s.startsWith(`kube-scenarios ${cmd.name()}`));
      assert.ok(segment, `example of ${cmd.name()} does not run it: ${e.line}`);
      for (const flag of segment!.split(/\s+/).filter((t) => t.startsWith('-') && t !== '-')) {
        assert.ok(
          cmd.options.some((o) => o.short === flag || o.long === flag),
          `${cmd.name()} has no option ${flag} (example: ${e.line})`,
        );
      }
    }
  }
});
