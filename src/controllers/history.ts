// ControllerRevisions (apps/v1), the history of StatefulSets and DaemonSets
// (pkg/controller/history/controller_history.go, pkg/controller/statefulset/stateful_set_utils.go
// newRevision/getPatch/ApplyRevision, pkg/controller/daemon/update.go getPatch/Match): a revision's
// `data` is the strategic merge patch `{"spec":{"template":{"$patch":"replace",…}}}` of the owner's
// pod template as Go writes it (the typed struct's JSON, then json.Marshal of a map: keys sorted),
// its raw bytes are what Match and EqualRevision compare and HashControllerRevision hashes
// (FNV-1 32 of the bytes, then the collision count in decimal, rendered with SafeEncodeString);
// the name is `<owner>-<hash>` (the owner's name cut to 223 bytes). The patch of a template and
// the raw bytes of a revision are kept per stored object (stored objects are never changed in
// place), so they are computed once per template change, not per sync.

import { goMarshal, goTyped } from '../api/gotyped.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type { ControllerRevision, KubeObject, LabelSelector, PodTemplateSpec } from '../api/types.ts';
import type { ObjectStore } from '../store/store.ts';
import { fnv32 } from '../util/hash.ts';
import { newControllerRef, safeEncode, timeMs } from './common.ts';

/** history.ControllerRevisionHashLabel: the hash of a StatefulSet's revision. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

export interface TemplatePatch {
  /** The patch as an object (a revision's `data`). */
  data: { spec: { template: Record<string, unknown> } };
  /** Its bytes as json.Marshal writes them. */
  raw: string;
  /** hashControllerRevision(raw, probe) by probe. */
  hashes: Map<number | undefined, string>;
}

const patches = new WeakMap<PodTemplateSpec, TemplatePatch>();

/** getPatch: the patch restoring `template` (kept per template object). */
export function templatePatch(template: PodTemplateSpec): TemplatePatch {
  let p = patches.get(template);
  if (!p) {
    const typed = goTyped('k8s.io.api.core.v1.PodTemplateSpec', template as unknown as Record<string, unknown>);
    const raw = goMarshal({ spec: { template: { ...typed, $patch: 'replace' } } });
    // the data as it was marshalled: keys in the raw bytes' (sorted) order, as a server serves it
    p = { data: JSON.parse(raw), raw, hashes: new Map() };
    patches.set(template, p);
  }
  return p;
}

const raws = new WeakMap<object, string>();

/** The bytes of a revision's data (Data.Raw: the JSON as its writer marshalled it, keys sorted). */
export function revisionRaw(r: ControllerRevision): string {
  if (r.data === null || typeof r.data !== 'object') return goMarshal(r.data);
  let raw = raws.get(r.data);
  if (raw === undefined) {
    raw = goMarshal(r.data);
    raws.set(r.data, raw);
  }
  return raw;
}

/** HashControllerRevision: FNV-1 of the data's bytes and the probe (collision count) in decimal, safe-encoded. */
export function hashControllerRevision(raw: string, probe?: number): string {
  const bytes = probe === undefined ? raw : `${raw}${probe}`;
  return safeEncode(String(fnv32(Buffer.from(bytes, 'utf8'))));
}

/** hashControllerRevision of a template's patch (kept with the patch). */
export function patchHash(p: TemplatePatch, probe?: number): string {
  let h = p.hashes.get(probe);
  if (h === undefined) {
    h = hashControllerRevision(p.raw, probe);
    p.hashes.set(probe, h);
  }
  return h;
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 bytes. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/**
 * A ControllerRevision of `owner`'s template patch (NewControllerRevision, the DaemonSet's
 * snapshot): the template's labels plus `hashLabel` = hash, the owner's annotations, its
 * controller reference; created with `store`'s API server by the caller.
 */
export function newControllerRevision(
  owner: KubeObject & { spec: { template: PodTemplateSpec } },
  name: string,
  hashLabel: string,
  hash: string,
  revision: number,
): ControllerRevision {
  const annotations = owner.metadata.annotations;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...(owner.spec.template.metadata?.labels ?? {}), [hashLabel]: hash },
      ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    data: structuredClone(templatePatch(owner.spec.template).data),
    revision,
  };
}

/** The pod template a revision restores (ApplyRevision's view of spec.template, without `$patch`). */
export function revisionTemplate(r: ControllerRevision): PodTemplateSpec | undefined {
  const t = (r.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!t || typeof t !== 'object') return undefined;
  const { $patch: _, ...template } = t;
  return template as unknown as PodTemplateSpec;
}

/** byRevision: by revision, then creation time, then name. */
export function byRevision(a: ControllerRevision, b: ControllerRevision): number {
  if (a.revision !== b.revision) return a.revision - b.revision;
  const ta = timeMs(a.metadata.creationTimestamp),
    tb = timeMs(b.metadata.creationTimestamp);
  if (ta !== tb) return ta - tb;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/**
 * ListControllerRevisions after AdoptOrphanRevisions / ClaimControllerRevisions: the revisions in
 * the owner's namespace its selector matches that it controls, orphans it matches adopted (given
 * its controller reference), sorted by revision.
 */
export function claimRevisions(store: ObjectStore, owner: KubeObject, selector: LabelSelector): ControllerRevision[] {
  const out: ControllerRevision[] = [];
  const ns = owner.metadata.namespace;
  for (const r of store.ownedBy<ControllerRevision>('ControllerRevision', owner.metadata.uid!))
    if (r.metadata.namespace === ns && matchesLabelSelector(selector, r.metadata.labels)) out.push(r);
  for (const r of [...store.orphans<ControllerRevision>('ControllerRevision', ns)]) {
    if (r.metadata.deletionTimestamp || !matchesLabelSelector(selector, r.metadata.labels)) continue;
    out.push(
      store.mutate<ControllerRevision>('ControllerRevision', ns, r.metadata.name!, (x) => {
        x.metadata.ownerReferences = [...(x.metadata.ownerReferences ?? []), newControllerRef(owner)];
      })!,
    );
  }
  return out.sort(byRevision);
}
