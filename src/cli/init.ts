// `kube-scenarios init [--dir DIR]`: scaffolds a project that runs kube-scenarios features — a
// cucumber configuration loading the package's step definitions, an example feature against
// the lab cluster, an example using a node file (`kubectl get nodes -o yaml` format) and
// `scenarios` npm scripts. Existing files are never overwritten: each is reported as skipped, and
// package.json only gains the scripts it does not have yet. The files come from templates/.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { PROJECT_DIR } from '../util/paths.ts';
import type { CliOutput } from './command.ts';
import { pathErrorText } from './input.ts';

export const TEMPLATES_DIR = join(PROJECT_DIR, 'templates');

/** The npm scripts init adds (never replacing a script of the same name). */
export const INIT_SCRIPTS: Record<string, string> = {
  scenarios: 'cucumber-js',
};

export interface InitResult { created: string[]; skipped: string[]; scripts: string[]; skippedScripts: string[] }

function templateFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) templateFiles(p, out); else out.push(p);
  }
  return out;
}

/** Runs a file-system write; its failure (EACCES, ENOTDIR, EEXIST: a dangling symlink on the way, ...) is a UserError naming the path. */
function fsStep(op: string, path: string, write: () => void): void {
  try { write(); } catch (e) {
    if (!(e as NodeJS.ErrnoException).code) throw e;
    throw new UserError(`cannot write the scaffolding: ${pathErrorText(op, path, e)}`);
  }
}

/** Writes the scaffolding into `dir`; returns what it did. */
export function init(dir: string): InitResult {
  const target = resolve(dir);
  if (!existsSync(target)) throw new UserError(`the directory "${dir}" does not exist`);
  if (!statSync(target).isDirectory()) throw new UserError(`"${dir}" is not a directory`);
  const result: InitResult = { created: [], skipped: [], scripts: [], skippedScripts: [] };
  for (const src of templateFiles(TEMPLATES_DIR)) {
    const rel = relative(TEMPLATES_DIR, src);
    const dest = join(target, rel);
    if (existsSync(dest)) { result.skipped.push(rel); continue; }
    fsStep('mkdir', dirname(dest), () => mkdirSync(dirname(dest), { recursive: true }));
    fsStep('open', dest, () => writeFileSync(dest, readFileSync(src)));
    result.created.push(rel);
  }
  const pkgPath = join(target, 'package.json');
  let pkg: { scripts?: Record<string, string> } & Record<string, unknown>;
  if (existsSync(pkgPath)) {
    try { pkg = JSON.parse(readFileSync(pkgPath, 'utf8')); } catch (e) { throw new UserError(`package.json: not valid JSON (${(e as Error).message}) — fix it, then run init again`); }
  } else {
    pkg = { name: 'cluster-scenarios', private: true };
    result.created.push('package.json');
  }
  pkg.scripts ??= {};
  for (const [name, cmd] of Object.entries(INIT_SCRIPTS)) {
    if (pkg.scripts[name] !== undefined) { result.skippedScripts.push(name); continue; }
    pkg.scripts[name] = cmd;
    result.scripts.push(name);
  }
  if (result.scripts.length || !existsSync(pkgPath)) fsStep('open', pkgPath, () => writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`));
  return result;
}

export function renderInit(r: InitResult): string {
  const lines: string[] = [];
  for (const f of r.created) lines.push(`created ${f}`);
  for (const f of r.skipped) lines.push(`skipped ${f} (already exists)`);
  for (const s of r.scripts) lines.push(`added npm script "${s}"`);
  for (const s of r.skippedScripts) lines.push(`skipped npm script "${s}" (already defined)`);
  lines.push('', 'Next: npm install --save-dev kube-scenarios (if not done yet), then npm run scenarios');
  return `${lines.join('\n')}\n`;
}

export function initCommand(io: CliOutput): Command {
  return new Command('init')
    .description('scaffold cucumber configuration, example features and npm scripts (never overwrites files)')
    .option('--dir <dir>', 'the project directory', '.')
    .action((opts: { dir: string }) => { io.out(renderInit(init(opts.dir))); });
}
