// The layer check: every import in src/ (static, `export … from`, `import type`, dynamic import(),
// require()) follows the direction written in src/layers.ts. Tests (`*.test.ts`) are exempt: like
// steps/, they may build a whole cluster to check one component in place.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { LAYERS, ROOT } from './layers.ts';
import { sourceFiles } from '../test/sources.ts';

const SRC = __dirname;

/** The folder of src/ a path belongs to (ROOT for files directly in src/), undefined outside src/. */
function folderOf(path: string): string | undefined {
  const rel = relative(SRC, path);
  if (rel.startsWith('..')) return undefined;
  return rel.includes(sep) ? rel.split(sep)[0] : ROOT;
}

/** Everything a folder may import: itself, its table entries, and theirs, transitively. */
export function allowed(folder: string, layers: Readonly<Record<string, readonly string[]>> = LAYERS): Set<string> {
  const out = new Set<string>([folder]);
  const todo = [...(layers[folder] ?? [])];
  while (todo.length) {
    const f = todo.pop()!;
    if (out.has(f)) continue;
    out.add(f);
    todo.push(...(layers[f] ?? []));
  }
  return out;
}

interface Violation {
  file: string;
  line: number;
  spec: string;
  rule: string;
}

/** The imports of one file that break the layers. */
export function violations(
  file: string,
  text: string,
  layers: Readonly<Record<string, readonly string[]>> = LAYERS,
): Violation[] {
  const from = folderOf(file);
  if (from === undefined) return [];
  const out: Violation[] = [];
  const ok = from === ROOT ? undefined : allowed(from, layers);
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    if (!ref.fileName.startsWith('.')) continue; // packages and node: built-ins
    const line = text.slice(0, ref.pos).split('\n').length;
    const target = resolve(dirname(file), ref.fileName);
    const to = folderOf(target);
    const at = { file: relative(join(SRC, '..'), file), line, spec: ref.fileName };
    if (to === undefined)
      out.push({ ...at, rule: 'src/ imports nothing outside src/ (steps/, support/, test/ and bench/ sit above it)' });
    else if (!(from in layers) && from !== ROOT)
      out.push({
        ...at,
        rule: `the folder src/${from}/ has no line in src/layers.ts: add one naming the folders it may import`,
      });
    else if (to === ROOT && from !== ROOT)
      out.push({ ...at, rule: `src/${from}/ may not import the package entry (src/${relative(SRC, target)})` });
    else if (ok && to !== ROOT && !ok.has(to)) {
      out.push({
        ...at,
        rule: `src/${from}/ may import ${[...ok]
          .sort()
          .map((f) => `src/${f}/`)
          .join(', ')} — not src/${to}/ (src/layers.ts)`,
      });
    }
  }
  return out;
}

test('layers: the table names only folders of src/ and has no cycle', () => {
  const folders = readdirSync(SRC).filter((e) => statSync(join(SRC, e)).isDirectory());
  for (const [f, deps] of Object.entries(LAYERS)) {
    for (const d of deps) assert.ok(d in LAYERS, `src/layers.ts: ${f} lists ${d}, which has no line of its own`);
    for (const d of deps) assert.ok(!allowed(d).has(f), `src/layers.ts: ${f} → ${d} → … → ${f} is a cycle`);
  }
  for (const f of folders)
    assert.ok(f in LAYERS, `src/${f}/ has no line in src/layers.ts: add one naming the folders it may import`);
});

test('layers: every import in src/ follows src/layers.ts', () => {
  const found = sourceFiles(SRC).flatMap((f) => violations(f, readFileSync(f, 'utf8')));
  assert.deepEqual(
    found.map((v) => `${v.file}:${v.line}: import '${v.spec}': ${v.rule}`),
    [],
  );
});

test('layers: an import against the direction is reported with file, line, import and rule', () => {
  const text =
    "import type { Node } from '../api/types.ts';\n\nexport { x } from '../cluster/cluster.ts';\nconst y = await import('../../steps/world.ts');\n";
  const got = violations(join(SRC, 'kubelet', 'x.ts'), text, {
    util: [],
    api: ['util'],
    kubelet: ['api'],
    cluster: ['kubelet'],
  });
  assert.deepEqual(
    got.map((v) => `${v.file}:${v.line}: ${v.spec}: ${v.rule}`),
    [
      'src/kubelet/x.ts:3: ../cluster/cluster.ts: src/kubelet/ may import src/api/, src/kubelet/, src/util/ — not src/cluster/ (src/layers.ts)',
      'src/kubelet/x.ts:4: ../../steps/world.ts: src/ imports nothing outside src/ (steps/, support/, test/ and bench/ sit above it)',
    ],
  );
});

/**
 * The files of src/ a file imports: at run time, and with `import type` / `export type … from` as
 * well (`types`) — a cycle of types alone still ties the files together for a reader and a change.
 */
function importsOf(file: string, text: string, types: boolean): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+'(\.[^']+)'/gms))
    if (types || !m[1]) out.push(resolve(dirname(file), m[2]));
  return out;
}

/** One import cycle among the files, as a path a → b → … → a, if any. */
export function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string): string[] | undefined => {
    if (state.get(f) === 'done') return undefined;
    if (state.get(f) === 'open') return [...path.slice(path.indexOf(f)), f];
    state.set(f, 'open');
    path.push(f);
    for (const g of graph.get(f) ?? []) {
      const c = visit(g);
      if (c) return c;
    }
    path.pop();
    state.set(f, 'done');
    return undefined;
  };
  for (const f of [...graph.keys()].sort()) {
    const c = visit(f);
    if (c) return c;
  }
  return undefined;
}

test('layers: no two files of src/ import each other, at run time or for types only, directly or through others', () => {
  const files = sourceFiles(SRC).map((f) => [f, readFileSync(f, 'utf8')] as const);
  for (const types of [false, true]) {
    const cycle = findCycle(new Map(files.map(([f, text]) => [f, importsOf(f, text, types)])));
    assert.equal(
      cycle?.map((f) => relative(SRC, f)).join(' → '),
      undefined,
      `an import cycle${types ? ' (through type imports)' : ''}: move what both need into a file of a lower layer`,
    );
  }
  const demo = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', []],
  ]);
  assert.deepEqual(findCycle(demo), ['a', 'b', 'c', 'a']);
  const text = "import type { A } from './a.ts';\nimport {\n  b,\n} from './b.ts';\nexport type { C } from './c.ts';\n";
  assert.deepEqual(importsOf(join(SRC, 'x', 'f.ts'), text, false), [join(SRC, 'x', 'b.ts')]);
  assert.deepEqual(
    importsOf(join(SRC, 'x', 'f.ts'), text, true),
    ['a.ts', 'b.ts', 'c.ts'].map((f) => join(SRC, 'x', f)),
  );
});
