// `kube-scenarios init [--dir DIR]`: scaffolds a project that runs kube-scenarios features — a
// cucumber configuration loading the package's step definitions and writing every report (run
// page, cucumber HTML, JUnit, JSON, experiment coverage) with TypeScript snippets for undefined
// steps, an example feature against the lab cluster, an example using a node file (`kubectl get
// nodes -o yaml` format), a typed step definition of your own, the experiment list, the VS Code
// Cucumber extension's settings (.vscode/settings.json) and the `scenarios` npm script (and
// `test`, when it is npm's placeholder). Existing files are never overwritten: each is reported
// as skipped, and package.json only gains the scripts it does not have yet. The files come from
// templates/ (templates/dot-vscode/ becomes .vscode/: npm packs no dot folders reliably).

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { PROJECT_DIR } from '../util/paths.ts';
import type { CliOutput } from './command.ts';
import { pathErrorText } from './input.ts';

export const TEMPLATES_DIR = join(PROJECT_DIR, 'templates');

/** The npm scripts init adds (never replacing a script of the same name, except npm's placeholder `test`). */
export const INIT_SCRIPTS: Record<string, string> = {
  scenarios: 'cucumber-js',
  test: 'cucumber-js',
};

/** The `test` script `npm init` writes: init replaces it. */
export const NPM_PLACEHOLDER_TEST = 'echo "Error: no test specified" && exit 1';

/** Template folders written under another name. */
const RENAMED: Record<string, string> = { 'dot-vscode': '.vscode' };

export interface InitResult {
  created: string[];
  skipped: string[];
  scripts: string[];
  skippedScripts: string[];
  /** Scripts that were npm's placeholder and now run the scenarios. */
  replacedScripts: string[];
  /** Whether node_modules/kube-scenarios exists in the project. */
  installed: boolean;
}

function templateFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) templateFiles(p, out);
    else out.push(p);
  }
  return out;
}

/** Runs a file-system write; its failure (EACCES, ENOTDIR, EEXIST: a dangling symlink on the way, ...) is a UserError naming the path. */
function fsStep(op: string, path: string, write: () => void): void {
  try {
    write();
  } catch (e) {
    if (!(e as NodeJS.ErrnoException).code) throw e;
    throw new UserError(`cannot write the scaffolding: ${pathErrorText(op, path, e)}`);
  }
}

/** Writes the scaffolding into `dir`; returns what it did. */
export function init(dir: string): InitResult {
  const target = resolve(dir);
  if (!existsSync(target)) throw new UserError(`the directory "${dir}" does not exist`);
  if (!statSync(target).isDirectory()) throw new UserError(`"${dir}" is not a directory`);
  const result: InitResult = {
    created: [],
    skipped: [],
    scripts: [],
    skippedScripts: [],
    replacedScripts: [],
    installed: existsSync(join(target, 'node_modules', 'kube-scenarios')),
  };
  for (const src of templateFiles(TEMPLATES_DIR)) {
    const [top, ...rest] = relative(TEMPLATES_DIR, src).split(sep);
    const rel = join(RENAMED[top] ?? top, ...rest);
    const dest = join(target, rel);
    if (existsSync(dest)) {
      result.skipped.push(rel);
      continue;
    }
    fsStep('mkdir', dirname(dest), () => mkdirSync(dirname(dest), { recursive: true }));
    fsStep('open', dest, () => writeFileSync(dest, readFileSync(src)));
    result.created.push(rel);
  }
  const pkgPath = join(target, 'package.json');
  let pkg: { scripts?: Record<string, string> } & Record<string, unknown>;
  if (existsSync(pkgPath)) {
    try {
      pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    } catch (e) {
      throw new UserError(`package.json: not valid JSON (${(e as Error).message}) — fix it, then run init again`);
    }
  } else {
    pkg = { name: 'cluster-scenarios', private: true };
    result.created.push('package.json');
  }
  pkg.scripts ??= {};
  for (const [name, cmd] of Object.entries(INIT_SCRIPTS)) {
    const placeholder = name === 'test' && pkg.scripts[name] === NPM_PLACEHOLDER_TEST;
    if (pkg.scripts[name] !== undefined && !placeholder) {
      result.skippedScripts.push(name);
      continue;
    }
    pkg.scripts[name] = cmd;
    (placeholder ? result.replacedScripts : result.scripts).push(name);
  }
  if (result.scripts.length || result.replacedScripts.length || !existsSync(pkgPath))
    fsStep('open', pkgPath, () => writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`));
  return result;
}

export function renderInit(r: InitResult): string {
  const lines: string[] = [];
  for (const f of r.created) lines.push(`created ${f}`);
  for (const f of r.skipped) lines.push(`skipped ${f} (already exists)`);
  for (const s of r.scripts) lines.push(`added npm script "${s}"`);
  for (const s of r.replacedScripts) lines.push(`replaced npm's placeholder script "${s}" with "${INIT_SCRIPTS[s]}"`);
  for (const s of r.skippedScripts) lines.push(`skipped npm script "${s}" (already defined)`);
  lines.push('', 'Next steps:');
  let n = 1;
  if (!r.installed) {
    lines.push(
      `  ${n++}. Install kube-scenarios into this project. It is not on the npm registry: install a packed`,
      '     tarball (run `npm pack` in a kube-scenarios checkout) or the git repository:',
      '       npm install --save-dev /path/to/kube-scenarios-<version>.tgz',
      '       npm install --save-dev git+https://<host>/<owner>/kube-scenarios.git',
    );
  }
  lines.push(
    `  ${n++}. npm run scenarios                               run every feature; open reports/index.html`,
    `  ${n++}. npx cucumber-js features/lab-cluster.feature:5   run the scenario at that line`,
    `  ${n++}. npx cucumber-js --dry-run                        TypeScript snippets for steps not defined yet`,
    '  Your own steps go in features/steps/ (see features/steps/example.steps.ts).',
  );
  return `${lines.join('\n')}\n`;
}

export function initCommand(io: CliOutput): Command {
  return new Command('init')
    .description(
      'scaffold a project: cucumber configuration with every report, example features and steps, VS Code settings, npm scripts (never overwrites files)',
    )
    .option('--dir <dir>', 'the project directory', '.')
    .action((opts: { dir: string }) => {
      io.out(renderInit(init(opts.dir)));
    });
}
