// Where scenario files may come from. `kubectl -f ../../etc/passwd` is legal on a workstation,
// but a scenario (a feature file, a step argument, kubectl run from a step) may only read files
// inside the project directory, so a shared or downloaded feature file cannot read the rest of
// the machine. Paths are resolved (`..` and symlinks in the text only, not on disk) against a
// base directory and must stay inside the root.

import { isAbsolute, relative, resolve } from 'node:path';
import { UserError } from './errors.ts';

/** The checkout this code lives in (src/util/ → two levels up). */
export const PROJECT_DIR = resolve(__dirname, '..', '..');

/** `path` resolved against `base`; a UserError when the result is outside `root`. */
export function resolveInside(root: string, base: string, path: string): string {
  const full = resolve(base, path);
  const rel = relative(resolve(root), full);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return full;
  throw new UserError(`the path "${path}" is outside the project directory ${resolve(root)} — scenarios may only read files inside the project; copy the file into features/fixtures`);
}
