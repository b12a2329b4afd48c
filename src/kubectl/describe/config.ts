// `kubectl describe configmap|secret|serviceaccount` (staging/src/k8s.io/kubectl/pkg/describe/describe.go:
// ConfigMapDescriber, describeSecret, ServiceAccountDescriber/describeServiceAccount as in kubectl
// 1.33, which still lists mountable secrets and token secrets). Secrets print sizes, never values
// (but a service-account token's `token`). kubectl 1.33 ranges over the data maps: Go's map order,
// a random rotation of the keys as the API server sent them, which is sorted; the simulator prints
// them sorted, the order kubectl prints most often.

import type { KubeObject } from '../../api/types.ts';
import type { Ctx } from '../flags.ts';
import { describeEvents, eventsOf, PrefixWriter, printAnnotations, printLabels } from './writer.ts';

const header = (w: PrefixWriter, o: KubeObject) => {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  printLabels(w, 'Labels', o.metadata.labels);
  printAnnotations(w, 'Annotations', o.metadata.annotations);
};

const sortedKeys = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort();

export function describeConfigMap(ctx: Ctx, cm: KubeObject): string {
  const { data, binaryData } = cm as unknown as { data?: Record<string, string>; binaryData?: Record<string, string> };
  const w = new PrefixWriter();
  header(w, cm);
  w.write(0, '\nData\n====\n');
  for (const k of sortedKeys(data)) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data![k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of sortedKeys(binaryData)) w.write(0, `${k}: ${Buffer.from(binaryData![k], 'base64').length} bytes\n`);
  w.write(0, '\n');
  describeEvents(ctx, w, eventsOf(ctx, cm));
  return w.toString();
}

const SA_TOKEN = 'kubernetes.io/service-account-token';

export function describeSecret(_ctx: Ctx, secret: KubeObject): string {
  const { type, data } = secret as unknown as { type?: string; data?: Record<string, string> };
  const w = new PrefixWriter();
  header(w, secret);
  w.write(0, `\nType:\t${type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of sortedKeys(data)) {
    const bytes = Buffer.from(data![k], 'base64');
    if (k === 'token' && type === SA_TOKEN) w.write(0, `${k}:\t${bytes.toString()}\n`);
    else w.write(0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

export function describeServiceAccount(ctx: Ctx, sa: KubeObject): string {
  const { secrets, imagePullSecrets } = sa as unknown as {
    secrets?: { name?: string }[];
    imagePullSecrets?: { name?: string }[];
  };
  const existing = ctx.cluster.store.list('Secret', sa.metadata.namespace);
  const names = new Set(existing.map((s) => s.metadata.name));
  const tokens = existing.filter((s) => {
    const a = s.metadata.annotations ?? {};
    return (
      (s as unknown as { type?: string }).type === SA_TOKEN &&
      a['kubernetes.io/service-account.name'] === sa.metadata.name &&
      a['kubernetes.io/service-account.uid'] === sa.metadata.uid
    );
  });
  const w = new PrefixWriter();
  header(w, sa);
  const sections: [string, string[]][] = [
    ['Image pull secrets:', (imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets:', (secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:', tokens.map((s) => s.metadata.name!)],
  ];
  for (const [title, list] of sections) {
    if (list.length === 0) {
      w.write(0, `${title.padEnd(19)}\t<none>\n`);
      continue;
    }
    list.forEach((name, i) => {
      const missing = title !== 'Tokens:' && !names.has(name) ? ' (not found)' : '';
      w.write(0, `${(i === 0 ? title : '').padEnd(19)}\t${name}${missing}\n`);
    });
  }
  describeEvents(ctx, w, eventsOf(ctx, sa));
  return w.toString();
}
