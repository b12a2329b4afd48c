// After each scenario: attach what a user would look at first — `kubectl get pods -A -o wide`
// and `kubectl get nodes` — as text/plain to the report (HTML: "Attached Text" blocks).

import { After } from '@cucumber/cucumber';
import type { KubeWorld } from './world.ts';

const SNAPSHOTS = [['get', 'pods', '-A', '-o', 'wide'], ['get', 'nodes']];

After(function (this: KubeWorld) {
  if (!this.hasCluster) return;
  for (const args of SNAPSHOTS) {
    let text: string;
    try {
      const r = this.kubectl(args, false);
      text = `$ ${r.command}\n${r.stdout}${r.stderr}${r.exitCode !== 0 ? `(exit code ${r.exitCode})\n` : ''}`;
    } catch (e) {
      text = `$ kubectl ${args.join(' ')}\n(could not run: ${(e as Error).message})\n`;
    }
    this.attach(text, 'text/plain');
  }
});
