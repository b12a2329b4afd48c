// What `kubectl logs` and `kubectl exec` share (kubectl's cmd/util/podcmd): finding the pod named
// by `POD` or `pod/POD`, and defaulting the container — the
// `kubectl.kubernetes.io/default-container` annotation, else the first app container, with the
// stderr notice `Defaulted container "a" out of: a, b, c (init)` when the pod has more than one
// container (app containers, then ephemeral `(ephem)`, then init `(init)`; kubectl pkg/cmd/util/podcmd).

import type { Pod } from '../api/types.ts';
import { notFound } from '../store/errors.ts';
import { NotSupportedError } from '../util/errors.ts';
import type { Ctx } from './flags.ts';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** podcmd.AllContainerNames. */
export function allContainerNames(pod: Pod): string {
  const ephemeral = ((pod.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? []).map(
    (c) => `${c.name} (ephem)`,
  );
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...ephemeral,
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

export function hasContainer(pod: Pod, name: string): boolean {
  const ephemeral = (pod.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? [];
  return [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...ephemeral].some((c) => c.name === name);
}

/** `POD` or `pod/POD` (other resource types are not modelled). */
export function getPodArg(ctx: Ctx, arg: string): Pod {
  let name = arg;
  const slash = arg.indexOf('/');
  if (slash >= 0) {
    const type = arg.slice(0, slash);
    if (!['pod', 'pods', 'po'].includes(type)) throw new NotSupportedError(`${ctx.commandPath} ${type}/… (only pods)`);
    name = arg.slice(slash + 1);
  }
  const pod = ctx.cluster.store.get<Pod>('Pod', ctx.namespace(), name);
  if (!pod) throw notFound('Pod', name);
  return pod;
}

/**
 * The container to use when none was given: the annotation's (when it names a container), else
 * the first one, printing the notice when there was a choice. `annotationMissing` prints logs'
 * `Default container name "x" not found in pod p` notice (exec only logs it at -v=4).
 */
export function defaultContainer(ctx: Ctx, pod: Pod, annotationMissingNotice: boolean): string {
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    if (hasContainer(pod, annotated)) return annotated;
    if (annotationMissingNotice)
      ctx.eprint(`Default container name "${annotated}" not found in pod ${pod.metadata.name}`);
  }
  const first = pod.spec.containers[0].name;
  const ephemeral = (pod.spec as { ephemeralContainers?: unknown[] }).ephemeralContainers ?? [];
  if (pod.spec.containers.length > 1 || (pod.spec.initContainers ?? []).length > 0 || ephemeral.length > 0) {
    ctx.eprint(`Defaulted container "${first}" out of: ${allContainerNames(pod)}`);
  }
  return first;
}
