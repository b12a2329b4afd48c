// After each scenario, attach what a reader looks at first: the placement picture (SVG, see
// src/report/placement.ts), `kubectl get pods -A -o wide` and `kubectl get nodes` as text, and —
// when the scenario failed — the scheduler's explanation of each pod a failing assertion
// explained (the same table as `kube-scenarios explain`).

import { After, Status } from '@cucumber/cucumber';
import { placementOf, renderPlacementSvg } from '../src/report/placement.ts';
import type { KubeWorld } from './world.ts';
import { explanationsFor } from './lib/explain.ts';

const SNAPSHOTS = [['get', 'pods', '-A', '-o', 'wide'], ['get', 'nodes']];

After(function (this: KubeWorld, { pickle, result }) {
  if (!this.hasCluster) return;
  try {
    // A Buffer: cucumber's HTML report shows an image attached as a string as an error.
    this.attach(Buffer.from(renderPlacementSvg(placementOf(this.cluster.store), pickle.name)), 'image/svg+xml');
  } catch (e) {
    this.attach(`placement picture: could not render: ${(e as Error).message}\n`, 'text/plain');
  }
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
  if (result?.status === Status.FAILED) {
    for (const [pod, text] of explanationsFor(this)) this.attach(`$ kube-scenarios explain ${pod}\n${text}\n`, 'text/plain');
  }
});
