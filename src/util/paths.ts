// Where scenario files may come from. `kubectl -f ../../etc/passwd` is legal on a workstation,
// but a scenario (a feature file, a step argument, kubectl run from a step) may only read files
// inside the project directory, so a shared or downloaded feature file cannot read the rest of
// the machine. Paths are resolved (`..` and symlinks in the text only, not on disk) against a
// base directory and must stay inside the root.

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from './errors.ts';

/** The nearest folder at or above `dir` holding a package.json. */
function packageRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

/**
 * The checkout or installed package this code lives in: the folder of kube-scenarios'
 * package.json, found from here whether this file runs from src/util/, lib/src/util/ or bundled in lib/cli.cjs.
 */
export const PROJECT_DIR = packageRoot(__dirname);

/** `path` resolved against `base`; a UserError when the result is outside `root`. */
export function resolveInside(root: string, base: string, path: string): string {
  const full = resolve(base, path);
  const rel = relative(resolve(root), full);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return full;
  throw new UserError(
    `the path "${path}" is outside the project directory ${resolve(root)} — scenarios may only read files inside the project; copy the file into features/fixtures`,
  );
}
