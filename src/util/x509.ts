// The cluster's root CA certificate, as the `kube-root-ca.crt` ConfigMaps publish it: a real,
// self-signed X.509 v3 CA certificate in PEM, made the way kubeadm makes its CA
// (cmd/kubeadm/app/util/pkiutil: subject and issuer CN=kubernetes, ten years from the start,
// key usage digitalSignature|keyEncipherment|keyCertSign, CA:TRUE, a subject key id, DNS name
// kubernetes) but with an Ed25519 key derived from the cluster's seed, so that the same seed gives
// the same certificate byte for byte (Ed25519 signatures are deterministic; an RSA key is not).

import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
/** PKCS#8 wrapping of a 32-byte Ed25519 private key (RFC 8410): the DER prefix before the key. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const cat = (...parts: Buffer[]) => Buffer.concat(parts);

function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return cat(Buffer.from([tag]), len, body);
}
const seq = (...parts: Buffer[]) => tlv(0x30, cat(...parts));
const set = (...parts: Buffer[]) => tlv(0x31, cat(...parts));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, cat(Buffer.from([unused]), b));
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

function oid(text: string): Buffer {
  const [a, b, ...rest] = text.split('.').map(Number);
  const out = [a * 40 + b];
  for (const v of rest) {
    const chunk = [v & 0x7f];
    for (let x = v >>> 7; x > 0; x >>>= 7) chunk.unshift((x & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5), to the second. */
function time(ms: number): Buffer {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // 2026-01-01T00:00:00.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, ''); // 20260101000000
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

const ED25519 = seq(oid('1.3.101.112'));
const NAME = seq(set(seq(oid('2.5.4.3'), tlv(0x13, Buffer.from('kubernetes')))));

/** The PEM of the root CA of a cluster with this seed whose clock starts at `startMs`. */
export function rootCACertificatePem(seed: number, startMs: number): string {
  const secret = createHash('sha256').update(`kube-scenarios root CA ${seed}`).digest();
  const key = createPrivateKey({ key: cat(ED25519_PKCS8_PREFIX, secret), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const serial = createHash('sha256').update(secret).update('serial').digest().subarray(0, 8);
  serial[0] &= 0x7f; // a positive INTEGER
  const ski = createHash('sha1')
    .update(spki.subarray(spki.length - 32))
    .digest();
  const extensions = seq(
    // keyUsage (critical): digitalSignature, keyEncipherment, keyCertSign
    seq(oid('2.5.29.15'), TRUE, octets(bits(Buffer.from([0xa4]), 2))),
    // basicConstraints (critical): CA
    seq(oid('2.5.29.19'), TRUE, octets(seq(TRUE))),
    seq(oid('2.5.29.14'), octets(octets(ski))),
    // subjectAltName: DNS:kubernetes
    seq(oid('2.5.29.17'), octets(seq(tlv(0x82, Buffer.from('kubernetes'))))),
  );
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ED25519,
    NAME,
    seq(time(startMs), time(startMs + TEN_YEARS_MS)),
    NAME,
    spki,
    tlv(0xa3, extensions),
  );
  const der = seq(tbs, ED25519, bits(sign(null, tbs, key)));
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
