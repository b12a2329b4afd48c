// Node leases (coordination.k8s.io/v1 Lease in kube-node-lease), which `kubectl describe node`
// reads for its Lease section (staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNode).
// The simulator does not store them: each is made on request from its Node, as the kubelet keeps
// it (pkg/kubelet/nodelease: holder the node, 40 s, renewed with the Ready heartbeat, owned by the Node).

import type { Node } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { ApiError } from '../store/errors.ts';

export const LEASE_PATH = /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/kube-node-lease\/leases\/([^/]+)$/;

/** metav1.MicroTime of an RFC 3339 second. */
const micro = (t: string) => t.replace(/Z$/, '.000000Z');

export function nodeLease(cluster: Cluster, name: string): unknown {
  const node = cluster.store.get<Node>('Node', undefined, name);
  if (!node) throw new ApiError('NotFound', `leases.coordination.k8s.io "${name}" not found`, 404, [], '', name);
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  return {
    kind: 'Lease',
    apiVersion: 'coordination.k8s.io/v1',
    metadata: {
      name,
      namespace: 'kube-node-lease',
      creationTimestamp: node.metadata.creationTimestamp,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }],
    },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: 40,
      ...(ready?.lastHeartbeatTime ? { renewTime: micro(ready.lastHeartbeatTime) } : {}),
    },
  };
}
