// `When I explain pod X` / `Then I explain pod X`: attaches to the report the scheduler's
// explanation of the pod's last attempt — the table `kube-scenarios explain` prints; on a real
// cluster, what its events say (FailedScheduling), as the failing assertions show it.

import { When } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { KubeWorld } from './world.ts';
import { explainPod } from './lib/explain.ts';
import { formatRef, type ObjRef } from './lib/parse.ts';
import { getPod } from './lib/pods.ts';

export async function explainPodStep(this: KubeWorld, ref: ObjRef): Promise<void> {
  const key = formatRef(ref);
  const text = await this.backend.expect({ namespaces: [ref.namespace], events: true }, (v) => {
    if (!getPod(v.store, ref)) throw new AssertionError(`there is no pod ${key} to explain`);
    return this.backend.kind === 'simulator'
      ? `$ kube-scenarios explain ${key}\n${explainPod(this.cluster, key)}\n`
      : `${v.why(key)}\n`;
  });
  this.attach(text, 'text/plain');
}

/**
 * Attaches to the report the table `kube-scenarios explain` prints for the pod's
 * last scheduling attempt (fails only when there is no such pod). One definition serves `When I
 * explain …` and `Then I explain …`.
 * @example Then I explain pod webserver
 */
When('I explain pod {pod}', explainPodStep);
