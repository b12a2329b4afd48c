// IPv4 and IPv6 addresses and CIDRs as numbers: parsing, and printing as Go's net package prints
// them. Used by API validation (podCIDRs) and by the kubelet's pod IPAM.

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 or IPv6 address as a number (undefined when it is neither). */
export function parseIp(s: string): { family: 4 | 6; n: bigint } | undefined {
  const v4 = IPV4.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { family: 4, n: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n) };
  }
  if (!s.includes(':') || s.split('::').length > 2) return undefined;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const h = groups(head),
    t = tail === undefined ? [] : groups(tail);
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { family: 6, n: all.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/** The address as Go's net.IP String() prints it (IPv6: RFC 5952, the longest run of 2+ zero groups as ::). */
export function formatIp(family: 4 | 6, n: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const g = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1,
    bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** An address/prefix-length pair (the address may have host bits set, as net.ParseCIDR allows). */
export function parseCidr(s: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  const ip = m && parseIp(m[1]);
  if (!m || !ip) return undefined;
  const bits = Number(m[2]);
  return bits > (ip.family === 4 ? 32 : 128) ? undefined : { family: ip.family, base: ip.n, bits };
}
