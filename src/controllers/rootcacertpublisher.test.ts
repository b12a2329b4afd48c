import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type { ConfigMap, Namespace } from '../api/types.ts';
import { rootCACertificatePem } from '../util/x509.ts';
import { DEFAULT_EPOCH } from '../util/clock.ts';
import { RootCACertPublisher, ROOT_CA_DESCRIPTION } from './rootcacertpublisher.ts';
import { harness, settle } from './testutil.ts';

const PEM = rootCACertificatePem(1, DEFAULT_EPOCH);

test('root CA publisher: every namespace gets kube-root-ca.crt with ca.crt and the kubernetes.io/description annotation (rootcacertpublisher/publisher.go)', () => {
  const h = harness();
  const c = new RootCACertPublisher(h.api, PEM);
  h.api.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  settle(c);
  assert.deepEqual(
    h.store.list('ConfigMap').map((m) => `${m.metadata.namespace}/${m.metadata.name}`),
    [
      'default/kube-root-ca.crt',
      'kube-node-lease/kube-root-ca.crt',
      'kube-public/kube-root-ca.crt',
      'kube-system/kube-root-ca.crt',
      'team-a/kube-root-ca.crt',
    ],
  );
  const cm = h.store.get<ConfigMap>('ConfigMap', 'team-a', 'kube-root-ca.crt')!;
  assert.deepEqual(cm.data, { 'ca.crt': PEM });
  assert.deepEqual(cm.metadata.annotations, {
    'kubernetes.io/description':
      'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
  });
  assert.equal(cm.metadata.annotations['kubernetes.io/description'], ROOT_CA_DESCRIPTION);
});

test('root CA publisher: a changed ca.crt or a removed annotation is put back; a deleted ConfigMap is created again; a terminating namespace gets none', () => {
  const h = harness();
  const c = new RootCACertPublisher(h.api, PEM);
  settle(c);
  const cm = h.store.get<ConfigMap>('ConfigMap', 'default', 'kube-root-ca.crt')!;
  h.api.update<ConfigMap>({ ...cm, metadata: { ...cm.metadata, annotations: { team: 'x' } }, data: { 'ca.crt': 'x' } });
  settle(c);
  const back = h.store.get<ConfigMap>('ConfigMap', 'default', 'kube-root-ca.crt')!;
  assert.deepEqual(back.data, { 'ca.crt': PEM });
  assert.deepEqual(back.metadata.annotations, { team: 'x', 'kubernetes.io/description': ROOT_CA_DESCRIPTION });
  h.api.delete('ConfigMap', 'default', 'kube-root-ca.crt');
  settle(c);
  assert.ok(h.store.get('ConfigMap', 'default', 'kube-root-ca.crt'));
  h.api.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
  settle(c);
  h.api.delete('Namespace', undefined, 'gone');
  h.api.delete('ConfigMap', 'gone', 'kube-root-ca.crt');
  assert.equal(c.sync(), false); // the create is refused (NamespaceTerminatingCause) and not retried
  assert.equal(h.store.get('ConfigMap', 'gone', 'kube-root-ca.crt'), undefined);
});

test('root CA certificate: a self-signed X.509 v3 CA named kubernetes, valid ten years from the start, the same for the same seed (kubeadm pkiutil.NewSelfSignedCACert)', () => {
  const cert = new X509Certificate(PEM);
  assert.equal(cert.subject, 'CN=kubernetes');
  assert.equal(cert.issuer, 'CN=kubernetes');
  assert.equal(cert.ca, true);
  assert.equal(cert.subjectAltName, 'DNS:kubernetes');
  assert.equal(new Date(cert.validFrom).toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(new Date(cert.validTo).toISOString(), '2035-12-30T00:00:00.000Z');
  assert.ok(cert.verify(cert.publicKey), 'self-signed');
  assert.equal(rootCACertificatePem(1, DEFAULT_EPOCH), PEM);
  assert.notEqual(rootCACertificatePem(2, DEFAULT_EPOCH), PEM);
  assert.match(
    PEM,
    /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
  );
});
