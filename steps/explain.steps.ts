// `When I explain pod X` / `Then I explain pod X`: attaches to the report the scheduler's
// explanation of the pod's last attempt — the table `kube-scenarios explain` prints.

import { When } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { KubeWorld } from './world.ts';
import { explainPod } from './lib/explain.ts';
import { formatRef, type ObjRef } from './lib/parse.ts';
import { getPod } from './lib/pods.ts';

export function explainPodStep(this: KubeWorld, ref: ObjRef): void {
  const key = formatRef(ref);
  if (!getPod(this.cluster.store, ref)) throw new AssertionError(`there is no pod ${key} to explain`);
  this.attach(`$ kube-scenarios explain ${key}\n${explainPod(this.cluster, key)}\n`, 'text/plain');
}

/**
 * Attaches to the report the table `kube-scenarios explain` prints for the pod's
 * last scheduling attempt (fails only when there is no such pod). One definition serves `When I
 * explain …` and `Then I explain …`.
 * @example Then I explain pod webserver
 */
When('I explain pod {pod}', explainPodStep);
