// Where the real kubectl 1.33 binary is: the differential test's oracle (kubectl.test.ts), the
// describers' golden printer (scripts/describe-goldens.ts) and the walkthrough test; what a test
// that needs it does without it (kubectlMissing).

import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** kubectl.1.33 beside the resolved `kubectl` on PATH (the image's dispatcher), or $KUBECTL_1_33. */
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

/**
 * What a test that needs kubectl 1.33 does without it: says so loudly on stdout, fails under
 * CI=true, and otherwise returns the message for `t.skip`.
 */
export function kubectlMissing(what: string): string {
  const msg = `\n!!!!!!!! kubectl 1.33 not found: ${what} NOT run (no kubectl.1.33 beside kubectl on PATH, and KUBECTL_1_33 unset) !!!!!!!!\n`;
  process.stdout.write(msg);
  if (process.env.CI === 'true') throw new Error(msg.trim());
  return msg.trim();
}
