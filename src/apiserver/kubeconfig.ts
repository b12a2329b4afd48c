// The kubeconfig `kube-scenarios serve` writes: one cluster (the server's http:// URL), one user
// without credentials and one context, current, with namespace default — what `kubectl config
// view` of a kubeadm admin.conf would show, less the certificates. The server speaks plain HTTP;
// insecure-skip-tls-verify is set because @kubernetes/client-node refuses http:// without it.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CONTEXT = 'kube-scenarios';

export function kubeconfigText(url: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${CONTEXT}`,
    '  cluster:',
    '    insecure-skip-tls-verify: true',
    `    server: ${url}`,
    'contexts:',
    `- name: ${CONTEXT}`,
    '  context:',
    `    cluster: ${CONTEXT}`,
    `    user: ${CONTEXT}`,
    '    namespace: default',
    `current-context: ${CONTEXT}`,
    'preferences: {}',
    'users:',
    `- name: ${CONTEXT}`,
    '  user: {}',
    '',
  ].join('\n');
}

/** Writes the kubeconfig to `path` (its directory created), or to a new temporary directory; returns the path. */
export function writeKubeconfig(url: string, path?: string): string {
  const file = path ?? join(mkdtempSync(join(tmpdir(), 'kube-scenarios-serve-')), 'kubeconfig');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, kubeconfigText(url), { mode: 0o600 });
  return file;
}
