// FNV hashes of Go's hash/fnv: FNV-1a (New32a) behind controller.ComputeHash (pod-template-hash,
// the DaemonSet's controller-revision-hash), the kubelet's static-pod config hash and the Calico
// IPAM block choice; FNV-1 (New32) behind history.HashControllerRevision (a StatefulSet's
// ControllerRevision names).

/** FNV-1a, 32 bit (hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1, 32 bit (hash/fnv New32): multiply, then xor. */
export function fnv32(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}
