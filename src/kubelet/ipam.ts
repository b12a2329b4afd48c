// Pod IP address management: the addresses a node's CNI plugin gives pod sandboxes, and takes
// back when a sandbox is stopped. A node that runs Calico (calico-node's projectcalico.org
// annotations, or no spec.podCIDR) gets Calico IPAM on the lab's pool 172.16.0.0/16: /26 blocks
// with node affinity, the node's IPIP tunnel address first, then pods, borrowing from other nodes'
// blocks when no block is free. A node with spec.podCIDRs and no Calico gets host-local IPAM on its
// own ranges (one range set per podCIDR, as a bridge/ptp conflist configures it). An assignment
// that finds no address fails with the plugin's error as libcni reports it; the kubelet turns that
// into FailedCreatePodSandBox. Owns every pod address and every Calico node's tunnel address.

import type { Node } from '../api/types.ts';
import { fnv32a } from '../util/hash.ts';
import { formatIp, parseCidr, parseIp } from '../api/ip.ts';

/** What a sandbox gets: its addresses in the CNI result's order, or the CNI ADD error. */
export type IpamResult = { ips: string[] } | { error: string };

// ---- host-local ----------------------------------------------------------------------------

/** One range set of host-local: a podCIDR's range (start…end), its gateway and the last address handed out. */
interface HostRange {
  family: 4 | 6;
  start: bigint;
  end: bigint;
  gateway: bigint;
  last?: bigint;
}

/** host-local's state on one node (the files under /var/lib/cni/networks/<network>). */
interface HostLocalNode {
  cidrs: string;
  ranges: HostRange[] | string;
  used: Set<bigint>;
}

/**
 * A podCIDR as host-local canonicalizes a range without rangeStart/rangeEnd/gateway
 * (plugins/ipam/host-local/backend/allocator/range.go Canonicalize): the gateway and the range
 * start are network+1, the end is the last address (IPv4: the one before broadcast). The error
 * texts are host-local's.
 */
function hostRange(cidr: string): HostRange | string {
  const c = parseCidr(cidr)!;
  const width = c.family === 4 ? 32 : 128;
  if (c.bits > width - 2) return `Network ${cidr} too small to allocate from`;
  const hostBits = BigInt(width - c.bits);
  const network = (c.base >> hostBits) << hostBits;
  if (network !== c.base)
    return `Network has host bits set. For a subnet mask of length ${c.bits} the network address is ${formatIp(c.family, network)}`;
  const last = network + (1n << hostBits) - 1n;
  return { family: c.family, start: network + 1n, end: c.family === 4 ? last - 1n : last, gateway: network + 1n };
}

/**
 * host-local's round-robin (allocator.go Get/GetIter/Next): from the address after the last one
 * handed out (the range start the first time), skipping the gateway and addresses in use, wrapping
 * at the range end, giving up when back where it started. Released addresses therefore come back
 * only after the rest of the range has been used.
 */
function hostLocalNext(r: HostRange, used: Set<bigint>): bigint | undefined {
  let cur = r.last !== undefined && r.last >= r.start && r.last <= r.end ? r.last : undefined;
  let first: bigint | undefined;
  for (;;) {
    cur = cur === undefined || cur === r.end ? r.start : cur + 1n;
    if (cur === first) return undefined;
    first ??= cur;
    if (cur !== r.gateway && !used.has(cur)) return cur;
  }
}

// ---- Calico --------------------------------------------------------------------------------

const POOL = '172.16.0.0/16';
const POOL_BASE = 172 * 2 ** 24 + 16 * 2 ** 16; // 172.16.0.0 (not a shift: that is signed 32-bit)
const BLOCKS = 1024; // /26 blocks in the /16
const BLOCK_SIZE = 64;

const ipv4 = (n: number) => formatIp(4, BigInt(n));

/** A claimed /26 allocation block (its node is the one `affine` lists it under): its free ordinals in the order Calico hands them out. */
interface Block {
  index: number;
  free: number[];
}

// ---- the IPAM ------------------------------------------------------------------------------

/** Whether the node runs Calico: calico-node annotated it, or it has no podCIDR for host-local. */
function usesCalico(node: Node): boolean {
  const annotations = node.metadata.annotations ?? {};
  return 'projectcalico.org/IPv4Address' in annotations || podCidrs(node).length === 0;
}

/** spec.podCIDRs, else spec.podCIDR (the API server keeps the two in step). */
function podCidrs(node: Node): string[] {
  const list = node.spec?.podCIDRs as string[] | undefined;
  return list?.length ? list : node.spec?.podCIDR ? [node.spec.podCIDR] : [];
}

/** The CNI plugin of a host-local node: GKE's ptp conflist on GCE nodes, else the bridge plugin. */
function hostLocalPlugin(node: Node): string {
  return String(node.spec?.providerID ?? '').startsWith('gce://') ? 'ptp' : 'bridge';
}

export class PodIpam {
  private readonly blocks: (Block | undefined)[] = new Array(BLOCKS);
  private readonly affine = new Map<string, Block[]>(); // node → its blocks in claim order
  private claimed = 0;
  private free = 0; // free addresses in claimed blocks
  private readonly tunnels = new Map<string, string | undefined>(); // node → IPIP tunnel address (undefined: none could be had)
  /** Pool addresses of adopted pods outside any claimed block: never handed out while reserved. */
  private readonly reserved = new Set<number>();
  private readonly hostLocal = new Map<string, HostLocalNode>();
  private readonly owners = new Map<string, { node: string; ips: string[] }>();

  /** The same assignments, independent of this IPAM (a clone of the cluster). */
  clone(): PodIpam {
    const c = new PodIpam();
    const blocks = new Map<Block, Block>();
    this.blocks.forEach((b, i) => {
      if (!b) return;
      const copy = { index: b.index, free: [...b.free] };
      blocks.set(b, copy);
      c.blocks[i] = copy;
    });
    for (const [node, list] of this.affine)
      c.affine.set(
        node,
        list.map((b) => blocks.get(b)!),
      );
    c.claimed = this.claimed;
    c.free = this.free;
    for (const [node, tunnel] of this.tunnels) c.tunnels.set(node, tunnel);
    for (const addr of this.reserved) c.reserved.add(addr);
    for (const [node, s] of this.hostLocal)
      c.hostLocal.set(node, {
        cidrs: s.cidrs,
        ranges: typeof s.ranges === 'string' ? s.ranges : s.ranges.map((r) => ({ ...r })),
        used: new Set(s.used),
      });
    for (const [owner, o] of this.owners) c.owners.set(owner, o); // replaced, never changed
    return c;
  }

  // ---- Calico blocks -----------------------------------------------------------------------

  /** The node's start in the pool: libcalico-go's randomBlockGenerator seeds it from the host name (here FNV-1a). */
  private startBlock(node: string): number {
    return fnv32a(Buffer.from(node)) % BLOCKS;
  }

  /**
   * The first block from the node's start with `ok`, walking the whole pool once and wrapping
   * (libcalico-go/lib/ipam/ipam_block_reader_writer.go randomBlockGenerator).
   */
  private walk(node: string, ok: (i: number) => boolean): number | undefined {
    const start = this.startBlock(node);
    for (let k = 0; k < BLOCKS; k++) {
      const i = (start + k) % BLOCKS;
      if (ok(i)) return i;
    }
    return undefined;
  }

  private claim(node: string, index: number): Block {
    const base = POOL_BASE + index * BLOCK_SIZE;
    const free = Array.from({ length: BLOCK_SIZE }, (_, o) => o).filter((o) => !this.reserved.delete(base + o));
    const b: Block = { index, free };
    this.blocks[index] = b;
    this.claimed++;
    this.free += free.length;
    const list = this.affine.get(node) ?? [];
    list.push(b);
    this.affine.set(node, list);
    return b;
  }

  private take(b: Block): string {
    this.free--;
    return ipv4(POOL_BASE + b.index * BLOCK_SIZE + b.free.shift()!);
  }

  /**
   * Calico's autoAssign of one IPv4 address for the node (libcalico-go/lib/ipam/ipam.go): a free
   * address in one of its affine blocks, else a newly claimed block (findUsableBlock: the first
   * unclaimed block from the node's start), else — strictAffinity is false by default — one
   * borrowed from any existing block, walking from the node's start. Within a block addresses
   * go in ordinal order, released ones to the back of the queue (ipam_block.go).
   */
  private calicoAssign(node: string): string | undefined {
    const own = this.affine.get(node)?.find((b) => b.free.length > 0);
    if (own) return this.take(own);
    if (this.claimed < BLOCKS) {
      const i = this.walk(node, (x) => !this.blocks[x])!;
      return this.take(this.claim(node, i));
    }
    if (this.free === 0) return undefined;
    const i = this.walk(node, (x) => this.blocks[x]!.free.length > 0)!;
    return this.take(this.blocks[i]!);
  }

  /** Where a pool address lives: its number, its block (when claimed) and its ordinal there; undefined outside the pool. */
  private slot(ip: string): { addr: number; block?: Block; ordinal: number } | undefined {
    const p = parseIp(ip);
    const offset = p?.family === 4 ? Number(p.n) - POOL_BASE : -1;
    if (offset < 0 || offset >= BLOCKS * BLOCK_SIZE) return undefined;
    return {
      addr: POOL_BASE + offset,
      block: this.blocks[Math.floor(offset / BLOCK_SIZE)],
      ordinal: offset % BLOCK_SIZE,
    };
  }

  /** Gives a pool address back: to the back of its block's queue, or out of the reserved set. */
  private calicoRelease(ip: string): void {
    const s = this.slot(ip);
    if (!s) return;
    if (!s.block) {
      this.reserved.delete(s.addr);
      return;
    }
    if (s.block.free.includes(s.ordinal)) return;
    s.block.free.push(s.ordinal);
    this.free++;
  }

  /** Marks a pool address in use (an adopted pod keeps its captured IP). */
  private calicoReserve(ip: string): void {
    const s = this.slot(ip);
    if (!s) return;
    if (!s.block) {
      this.reserved.add(s.addr);
      return;
    }
    const at = s.block.free.indexOf(s.ordinal);
    if (at >= 0) {
      s.block.free.splice(at, 1);
      this.free--;
    }
  }

  /**
   * The node's IPIP tunnel address: calico-node assigns it (autoAssign, like a pod) before the
   * node's first pod, so on a fresh pool it is the first address of the node's first block.
   * Undefined when the pool had no address left.
   */
  tunnelAddress(node: string): string | undefined {
    if (!this.tunnels.has(node)) this.tunnels.set(node, this.calicoAssign(node));
    return this.tunnels.get(node);
  }

  /** The node's first affine block in CIDR notation, e.g. 172.16.132.0/26 (undefined: it has none). */
  block(node: string): string | undefined {
    this.tunnelAddress(node);
    const b = this.affine.get(node)?.[0];
    return b && `${ipv4(POOL_BASE + b.index * BLOCK_SIZE)}/26`;
  }

  // ---- host-local --------------------------------------------------------------------------

  private hostLocalState(node: Node): HostLocalNode {
    const name = node.metadata.name!;
    const cidrs = podCidrs(node);
    let s = this.hostLocal.get(name);
    if (!s || s.cidrs !== cidrs.join(',')) {
      // host-local config.go LoadIPAMConfig: the conf's JSON is read first (a subnet that is no CIDR
      // fails there with net.ParseCIDR's error), then every range set is canonicalized in order
      const bad = cidrs.find((c) => !parseCidr(c));
      let ranges: HostRange[] | string = bad === undefined ? [] : `invalid CIDR address: ${bad}`;
      for (const [i, c] of cidrs.entries()) {
        if (typeof ranges === 'string') break;
        const r = hostRange(c);
        if (typeof r === 'string') ranges = `invalid range set ${i}: ${r}`;
        else ranges.push(r);
      }
      s = { cidrs: cidrs.join(','), ranges, used: s?.used ?? new Set() };
      this.hostLocal.set(name, s);
    }
    return s;
  }

  /**
   * host-local's ADD (plugins/ipam/host-local/main.go cmdAdd): one address per range set in order;
   * when one set has none left the addresses already taken are given back and the ADD fails with
   * `failed to allocate for range N: no IP addresses available in range set: START-END`.
   */
  private hostLocalAssign(node: Node): IpamResult {
    const s = this.hostLocalState(node);
    const fail = (msg: string) => ({ error: `plugin type="${hostLocalPlugin(node)}" failed (add): ${msg}` });
    if (typeof s.ranges === 'string') return fail(s.ranges);
    const got: bigint[] = [];
    for (const [idx, r] of s.ranges.entries()) {
      const ip = hostLocalNext(r, s.used);
      if (ip === undefined) {
        for (const g of got) s.used.delete(g);
        return fail(
          `failed to allocate for range ${idx}: no IP addresses available in range set: ${formatIp(r.family, r.start)}-${formatIp(r.family, r.end)}`,
        );
      }
      s.used.add(ip);
      r.last = ip;
      got.push(ip);
    }
    return { ips: got.map((ip, i) => formatIp((s.ranges as HostRange[])[i].family, ip)) };
  }

  // ---- what the kubelet asks -----------------------------------------------------------------

  /**
   * The CNI ADD for a sandbox of `owner` on the node: its addresses, or the error libcni returns
   * (`plugin type="calico" failed (add): …`, libcni/api.go AddNetworkList). Calico's text when the
   * pool is exhausted is calico-ipam's (cni-plugin/pkg/ipamplugin/ipam_plugin.go, with
   * IPAMAssignments.PartialFulfillmentError and autoAssign's "No IPs available in pools" note).
   */
  assign(node: Node, owner: string): IpamResult {
    const name = node.metadata.name!;
    let result: IpamResult;
    if (usesCalico(node)) {
      this.tunnelAddress(name);
      const ip = this.calicoAssign(name);
      result = ip
        ? { ips: [ip] }
        : {
            error: `plugin type="calico" failed (add): failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses; No IPs available in pools: [${POOL}]`,
          };
    } else {
      result = this.hostLocalAssign(node);
    }
    if ('ips' in result) this.owners.set(owner, { node: name, ips: result.ips });
    return result;
  }

  /** An adopted pod keeps its captured addresses: they are marked in use on its node. */
  adopt(node: Node, owner: string, ips: string[]): void {
    const name = node.metadata.name!;
    if (usesCalico(node)) {
      this.tunnelAddress(name);
      for (const ip of ips) this.calicoReserve(ip);
    } else {
      const s = this.hostLocalState(node);
      for (const ip of ips) {
        const p = parseIp(ip);
        if (p) s.used.add(p.n);
      }
    }
    this.owners.set(owner, { node: name, ips });
  }

  /** The CNI DEL of the owner's sandbox: its addresses are free again (no-op when it has none). */
  release(owner: string): void {
    const o = this.owners.get(owner);
    if (!o) return;
    this.owners.delete(owner);
    const s = this.hostLocal.get(o.node);
    for (const ip of o.ips) {
      const p = parseIp(ip);
      if (s && p && s.used.delete(p.n)) continue;
      this.calicoRelease(ip);
    }
  }
}
