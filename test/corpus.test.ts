// The malformed-input corpus (test/corpus/): every case is bad input at one entry point —
// manifest files through `kube-scenarios simulate` and `kubectl apply`, kubectl command lines,
// the simulate CLI's flags, and the step parameter transformers — and asserts the exact message
// the user sees (what is wrong, where as file:line, how to fix), a failing exit code, that no
// stack trace or JavaScript error text leaks out, and that nothing was applied.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runCli } from '../src/cli/main.ts';
import { runSimulate } from '../src/cli/simulate.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';
import { runningPod, testCluster } from '../src/kubectl/testing.ts';
import { UserError } from '../src/util/errors.ts';
import { PROJECT_DIR } from '../src/util/paths.ts';
import * as P from '../steps/lib/parse.ts';

const CORPUS = join(__dirname, 'corpus');

/** Internal error text that must never reach a user. */
export const LEAK =
  /\n\s+at .*:\d+:\d+|TypeError|ReferenceError|RangeError|SyntaxError|Cannot read prop|is not a function|undefined \(reading|\[object Object\]/;

interface Case {
  command: string;
  body: string[];
}

/** `$ command` lines, each followed by its expected lines; `# ` lines and trailing blanks end a body. */
export function parseCases(text: string): Case[] {
  const cases: Case[] = [];
  let cur: Case | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) {
      cur = { command: line.slice(2), body: [] };
      cases.push(cur);
      continue;
    }
    if (line.startsWith('#')) {
      cur = undefined;
      continue;
    }
    cur?.body.push(line);
  }
  for (const c of cases) while (c.body.length && c.body[c.body.length - 1] === '') c.body.pop();
  return cases;
}

function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of text.split(/^### /m).slice(1)) {
    const nl = block.indexOf('\n');
    out.set(block.slice(0, nl).trim(), block.slice(nl + 1).replace(/\n+$/, '\n'));
  }
  return out;
}

// ---- manifests: simulate -f FILE, and kubectl apply -f FILE for multi-document files ----------

const manifestDir = join(CORPUS, 'manifests');
const expected = sections(readFileSync(join(manifestDir, 'expected.txt'), 'utf8'));
const manifestCases = readdirSync(manifestDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -5))
  .sort();

test('corpus: every manifest case has an expected message and every message a case', () => {
  assert.deepEqual([...expected.keys()].sort(), manifestCases);
});

for (const name of manifestCases) {
  test(`corpus manifests/${name}: simulate rejects the file with the API server's message at file:line, prints no result`, () => {
    const file = relative(process.cwd(), join(manifestDir, `${name}.yaml`));
    const r = runSimulate(['-f', file, '-o', 'json']);
    assert.equal(r.stderr, (expected.get(name) ?? '').split('$FILE').join(file));
    assert.equal(r.stdout, '');
    assert.equal(r.exitCode, 1);
    assert.doesNotMatch(r.stderr, LEAK);
  });
}

for (const name of manifestCases.filter((n) => n.startsWith('multidoc-') || n === 'yaml-second-doc-broken')) {
  test(`corpus manifests/${name}: kubectl apply of a multi-document file with one bad document: a file it cannot read applies nothing, an object the server cannot decode is refused alone`, () => {
    const c = testCluster();
    const before = c.store.list('Pod').length + c.store.list('Node').length;
    const r = runKubectl(c, ['apply', '-f', `manifests/${name}.yaml`], { cwd: CORPUS, root: PROJECT_DIR });
    assert.equal(r.exitCode, 1);
    const after = c.store.list('Pod').length + c.store.list('Node').length;
    if (r.stderr.startsWith('Error from server (BadRequest): ')) {
      // kubectl sends each object on its own: the API server refuses the one it cannot decode.
      assert.notEqual(r.stdout, '');
      assert.ok(after > before);
      assert.match(r.hints?.[0] ?? '', new RegExp(`^manifests/${name}\\.yaml:\\d+: `));
    } else {
      assert.equal(r.stdout, '');
      assert.equal(after, before);
    }
  });
}

// ---- kubectl command lines ---------------------------------------------------------------------

for (const c of parseCases(readFileSync(join(CORPUS, 'kubectl.txt'), 'utf8'))) {
  test(`corpus kubectl: \`${c.command}\` fails with kubectl's message and changes nothing`, () => {
    const cluster = testCluster();
    cluster.store.create(runningPod('web', 'w1-k8s'));
    let writes = 0;
    cluster.store.watch(() => {
      writes++;
    });
    const r = runKubectl(cluster, c.command.replace(/^kubectl /, ''), { cwd: CORPUS, root: PROJECT_DIR });
    assert.equal(r.stderr, c.body.join('\n').split('$ROOT').join(PROJECT_DIR) + '\n');
    assert.equal(r.stdout, '');
    assert.equal(r.exitCode, 1);
    assert.equal(writes, 0, 'the cluster changed');
    assert.doesNotMatch(r.stderr, LEAK);
  });
}

// ---- the kube-scenarios command line -----------------------------------------------------------

for (const c of parseCases(readFileSync(join(CORPUS, 'simulate.txt'), 'utf8'))) {
  test(`corpus CLI: \`${c.command}\` is one clear error with a non-zero exit`, () => {
    const argv = c.command.split(' ').slice(1);
    const [exitLine, ...lines] = c.body;
    const r = resolve(process.cwd()) === PROJECT_DIR ? runCli(argv) : inProject(() => runCli(argv));
    assert.equal(r.stderr, lines.join('\n') + '\n');
    assert.equal(r.stdout, '');
    assert.equal(`exit ${r.exitCode}`, exitLine);
    assert.doesNotMatch(r.stderr, LEAK);
  });
}

function inProject<T>(fn: () => T): T {
  const old = process.cwd();
  process.chdir(PROJECT_DIR);
  try {
    return fn();
  } finally {
    process.chdir(old);
  }
}

// ---- step parameters ---------------------------------------------------------------------------

const TRANSFORMERS: Record<string, (text: string) => unknown> = {
  node: P.parseNodeName,
  nodes: P.parseNodeList,
  pod: (s) => P.parseObjRef(s, 'pod name'),
  taint: P.parseTaint,
  taints: P.parseTaints,
  label: P.parseLabel,
  labels: P.parseLabels,
  selector: P.parseSelector,
  quantity: P.parseQuantityText,
  phase: P.parsePhase,
  workload: (s) => {
    const sp = s.indexOf(' ');
    return P.parseWorkload(s.slice(0, sp), s.slice(sp + 1));
  },
  bool: (s) => P.parseBool(s, 'cordoned cell'),
};

for (const c of parseCases(readFileSync(join(CORPUS, 'steps.txt'), 'utf8'))) {
  test(`corpus step argument: {${c.command}} fails the step with a UserError naming the value and the expected shape`, () => {
    const sp = c.command.indexOf(' ');
    const fn = TRANSFORMERS[c.command.slice(0, sp)];
    assert.ok(fn, `unknown parameter type in "${c.command}"`);
    assert.throws(
      () => fn(c.command.slice(sp + 1)),
      (e: unknown) => {
        assert.ok(e instanceof UserError, `not a UserError: ${String(e)}`);
        assert.equal(e.message, c.body.join('\n'));
        return true;
      },
    );
  });
}
