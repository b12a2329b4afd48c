import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIp, parseCidr, parseIp } from './ip.ts';

test('addresses: IPv4 and IPv6 parse, and print as Go prints them (IPv6 per RFC 5952: longest run of two or more zero groups as ::)', () => {
  assert.equal(formatIp(4, parseIp('10.244.1.2')!.n), '10.244.1.2');
  assert.equal(formatIp(6, parseIp('fd00:10:244:1:0:0:0:2')!.n), 'fd00:10:244:1::2');
  assert.equal(formatIp(6, parseIp('2001:db8:0:1:1:1:1:1')!.n), '2001:db8:0:1:1:1:1:1'); // a single zero group stays
  assert.equal(formatIp(6, parseIp('2001:0:0:1:0:0:0:1')!.n), '2001:0:0:1::1'); // the longer run
  assert.equal(formatIp(6, parseIp('::')!.n), '::');
  assert.equal(parseIp('10.0.0.256'), undefined);
  assert.equal(parseIp('1::2::3'), undefined);
  assert.equal(parseIp('nonsense'), undefined);
});

test("CIDRs: address and prefix length, host bits allowed (net.ParseCIDR); a prefix longer than the family's width is refused", () => {
  assert.deepEqual(parseCidr('10.0.0.1/24'), { family: 4, base: parseIp('10.0.0.1')!.n, bits: 24 });
  assert.equal(parseCidr('fd00::/64')?.family, 6);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('10.0.0.0'), undefined);
});
