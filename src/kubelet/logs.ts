// Container logs, as the kubelet serves them to `kubectl logs`: the lines the container's
// behaviour wrote (start-up lines, echo output, the until-loop's messages), each with the virtual
// time it was written. `previous` reads the instance before the current one. Errors are the
// kubelet's (validateContainerLogStatus, pkg/kubelet/kubelet_pods.go), thrown as ApiError BadRequest so kubectl prints
// `Error from server (BadRequest): …`.

import type { KubeletHost } from './manager.ts';
import type { Pod } from '../api/types.ts';
import { ApiError } from '../store/errors.ts';

export interface LogLine {
  time: string;
  line: string;
}

const bad = (msg: string) => new ApiError('BadRequest', msg, 400);

export function containerLogs(
  cluster: KubeletHost,
  ns: string,
  podName: string,
  container: string,
  opts: { previous?: boolean } = {},
): LogLine[] {
  const pod = cluster.store.get<Pod>('Pod', ns, podName);
  if (!pod) throw new ApiError('NotFound', `pods "${podName}" not found`, 404);
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  if (!all.some((c) => c.name === container)) throw bad(`container ${container} is not valid for pod ${podName}`);
  const instances = cluster.kubelets.instancesOf(pod, container);
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === container,
  );
  let inst: (typeof instances)[number] | undefined;
  if (opts.previous) {
    inst =
      instances.at(-2) ??
      (instances.length === 1 && instances[0].finishedAt !== undefined && status?.state.waiting
        ? instances[0]
        : undefined);
    if (!inst) throw bad(`previous terminated container "${container}" in pod "${podName}" not found`);
  } else {
    inst = instances.at(-1);
    if (!inst) {
      const reason = status?.state.waiting?.reason ?? 'ContainerCreating';
      if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') {
        throw bad(
          `container "${container}" in pod "${podName}" is waiting to start: ${reason === 'ErrImagePull' ? "image can't be pulled" : 'trying and failing to pull image'}`,
        );
      }
      throw bad(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
    }
  }
  return inst.logs.map((l) => ({
    time: new Date(l.at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z'),
    line: l.line,
  }));
}

/** Appends a line to the running container's log (e.g. an access-log line after a request). */
export function appendLog(cluster: KubeletHost, pod: Pod, container: string, line: string): void {
  const inst = cluster.kubelets.instancesOf(pod, container).at(-1);
  if (inst && inst.finishedAt === undefined) inst.logs.push({ at: cluster.clock.now(), line });
}
