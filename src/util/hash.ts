// FNV-1a (Go's hash/fnv New32a): the hash behind controller.ComputeHash (pod-template-hash,
// controller-revision-hash), the kubelet's static-pod config hash and the Calico IPAM block choice.

/** FNV-1a, 32 bit (hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
