// Where scenario files are read from (steps/world.ts re-exports these for the authoring API).

import { resolve } from 'node:path';

/** Scenarios may only read files inside the project cucumber runs in (see src/util/paths.ts). */
export const PROJECT_ROOT = process.cwd();

/**
 * Where `When I apply "x.yaml"` and `kubectl … -f x.yaml` look for files: features/fixtures of the
 * project cucumber runs in (the current directory), or $KUBE_SCENARIOS_FIXTURES. Files not found
 * there are looked up in `fixtureDirs` (e.g. the feature file's own fixtures/ folder).
 */
export const FIXTURES_DIR = resolve(process.cwd(), process.env.KUBE_SCENARIOS_FIXTURES ?? 'features/fixtures');
