// Where headless Chromium is: $CHROMIUM, else the first of the usual names on the PATH
// (Debian's package installs `chromium`). Used by the run page's browser test and
// scripts/screenshots.ts.

import { spawnSync } from 'node:child_process';

export function findChromium(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}
