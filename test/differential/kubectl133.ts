// Where the real kubectl 1.33 is: kubectl.1.33 beside the resolved `kubectl` on PATH (the
// image's dispatcher), or $KUBECTL_1_33. Shared by the tests that run it.

import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export function findKubectl133(): string | undefined {
  if (process.env.KUBECTL_1_33) return existsSync(process.env.KUBECTL_1_33) ? process.env.KUBECTL_1_33 : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const k = join(dir, 'kubectl');
    if (!existsSync(k)) continue;
    const real = join(dirname(realpathSync(k)), 'kubectl.1.33');
    if (existsSync(real)) return real;
  }
  return undefined;
}
