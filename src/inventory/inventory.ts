// Real inventories: what `kubectl get nodes -o yaml|json`, `kubectl get pods -A -o yaml`,
// `helm template` and `kind: List` files contain, loaded into a simulated cluster.
//
// - Documents of kinds the simulator does not serve (HorizontalPodAutoscaler, Ingress, Role,
//   custom resources, …) are skipped and reported, not rejected: Helm charts render plenty of
//   them. An unknown kind in a group version the simulator serves (`v1` Pdo) is not skipped: a
//   real cluster rejects it too (isUnmodelledKind). Line numbers of the remaining documents stay
//   those of the file.
// - Server-set metadata (uid, resourceVersion, creationTimestamp, generation, managedFields,
//   selfLink) is dropped: the simulated store assigns its own.
// - Nodes keep labels, annotations, taints, unschedulable, podCIDR, providerID and their whole
//   status (allocatable, capacity, conditions, images, nodeInfo, addresses); missing pieces are
//   filled as a registering kubelet would (ensureNodeStatus).
// - Pods bound to a node (spec.nodeName set) are imported through the store, not the API
//   server's create path (which would reset status to Pending): validation and defaulting still
//   run (ApiServer.prepareCreate), then the captured status is put back. Their owner references
//   are dropped — the owners' uids are not in the simulated store, and its garbage collector
//   would delete the pods as a real one would. Once imported, the simulated kubelet adopts a
//   Running pod as it is (src/kubelet/kubelet.ts `adoptable`): its containers count as running
//   since their startedAt, it keeps its pod IP, startTime, container IDs and restart counts, and
//   no start-up events are recorded; a Pending one is started from scratch; Succeeded/Failed pods
//   keep the captured status. A mirror pod (annotation kubernetes.io/config.mirror) stays a
//   mirror pod when its node's manifest folder has the matching static pod file (the annotation
//   then carries the simulated kubelet's config hash); otherwise it is imported as a regular
//   bound pod without that annotation: a kubelet deletes mirror pods it has no static pod for. Images: the simulated registry serves well-known public
//   images only; an image of a private registry runs when the node lists it in status.images (a
//   capture of nodes that ran it does).
// - Pods without a node, and everything else, go through the API server's create path, so the
//   scheduler places them. Namespaces the objects need are created first.

import { parseAllDocuments } from 'yaml';
import { checkNesting, collectionKey, loadManifests, type ManifestEntry } from '../api/manifest.ts';
import { loadAllFast, nodeStart } from '../api/yaml-fast.ts';
import { cloneData } from '../api/clone.ts';
import { isUnmodelledKind, kindInfo } from '../api/kinds.ts';
import { isDNS1123Label, isDNS1123Subdomain } from '../api/validation/names.ts';
import type { KubeObject, Namespace, Node, Pod, ServiceAccount } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { ensureNodeStatus } from '../kubelet/registration.ts';
import { ApiError, invalidText } from '../store/errors.ts';
import { UserError } from '../util/errors.ts';

export interface SkippedObject {
  file: string;
  line: number;
  kind: string;
  name: string;
}

export interface Inventory {
  /** Objects of served kinds, in file order (List items expanded). */
  entries: ManifestEntry[];
  /** Documents of kinds the simulator does not serve. */
  skipped: SkippedObject[];
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const SERVER_SET_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink'];

/** Blanks a range of text, keeping its newlines so that later line numbers do not move. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Splits a file into the objects to apply and the documents to skip (unknown kinds). */
export function readInventory(text: string, file: string): Inventory {
  // loadManifests refuses any document of a kind the simulator does not serve, so when it accepts
  // the whole file there is nothing to skip: one parse instead of two. A text that names a kind
  // the simulator does not serve goes straight to the search for documents to skip (refusing it
  // would cost a second, slower parse for the error's line). Either order gives the same result.
  checkNesting(text, file);
  if (!namesUnservedKind(text)) {
    try {
      return { entries: loadManifests(text, file), skipped: [] };
    } catch {
      /* see above */
    }
  }
  const { kept, skipped } = skippedFast(text, file) ?? skippedWithLibrary(text, file);
  return { entries: loadManifests(kept, file), skipped };
}

const isServed = (kind: string) => kind === 'List' || kindInfo(kind) !== undefined;

type DocValue = { kind?: unknown; apiVersion?: unknown; metadata?: { name?: string } } | null | undefined;

const isSkipped = (value: DocValue): value is { kind: string; apiVersion?: unknown; metadata?: { name?: string } } =>
  !!value &&
  typeof value === 'object' &&
  typeof value.kind === 'string' &&
  isUnmodelledKind(value.kind, value.apiVersion);

/** Whether a `kind: X` anywhere in the text names a kind the simulator does not serve (only picks the order above). */
function namesUnservedKind(text: string): boolean {
  for (const m of text.matchAll(/\bkind["']?[ \t]*:[ \t]*["']?([A-Za-z][A-Za-z0-9]*)/g))
    if (!isServed(m[1])) return true;
  return false;
}

interface Skipping {
  kept: string;
  skipped: SkippedObject[];
}

/** The documents to skip found by the `yaml` library: each document's value and range (exported for the differential test). */
export function skippedWithLibrary(text: string, file: string): Skipping {
  const skipped: SkippedObject[] = [];
  let kept = text;
  const docs = parseAllDocuments(text);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length || collectionKey(doc)) break; // loadManifests reports syntax errors and collection keys with their line
    let value: DocValue;
    try {
      value = doc.toJS({ maxAliasCount: 100 }) as DocValue;
    } catch {
      break;
    } // bad aliases: loadManifests reports them with their line
    const range = doc.contents?.range;
    if (!isSkipped(value) || !range) continue;
    const line = text.slice(0, range[0]).split('\n').length;
    skipped.push({ file, line, kind: value.kind, name: value.metadata?.name ?? '' });
    kept = kept.slice(0, range[0]) + blank(kept.slice(range[0], range[1])) + kept.slice(range[1]);
  }
  return { kept, skipped };
}

/**
 * The same search with the fast reader (src/api/yaml-fast.ts), or undefined when it declines the
 * text. Once it accepts a text, every line starting with `---` or `...` is a document marker
 * (followed by a comment at most), so the documents are the text between those lines, each read
 * alone. A skipped document is blanked from its first character that is not a space, line break
 * or comment — where the `yaml` library's range starts — to the next marker: the library blanks
 * up to the end of the value, leaving trailing comments, which read the same.
 */
export function skippedFast(text: string, file: string): Skipping | undefined {
  if (text.includes('\uFEFF') || loadAllFast(text) === undefined) return undefined;
  const skipped: SkippedObject[] = [];
  let kept = text;
  const bounds: number[] = [0];
  for (const m of text.matchAll(/^(?:---|\.\.\.).*$/gm)) bounds.push(m.index, m.index + m[0].length);
  bounds.push(text.length);
  for (let i = 0; i < bounds.length; i += 2) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    const docs = loadAllFast(text.slice(from, to));
    if (docs === undefined || docs.length > 1) return undefined;
    const value = docs[0] as DocValue;
    if (!isSkipped(value)) continue;
    const start = nodeStart(text, from);
    skipped.push({
      file,
      line: text.slice(0, start).split('\n').length,
      kind: value.kind,
      name: value.metadata?.name ?? '',
    });
    kept = kept.slice(0, start) + blank(kept.slice(start, to)) + kept.slice(to);
  }
  return { kept, skipped };
}

/**
 * readInventory remembered by file name and content for the life of the process: scenario replays
 * ("for every seed", drains, configuration comparisons) read the same files again and again, and
 * parsing costs more than a replay. The result is shared, so callers only read it: applyInventory
 * copies every object before storing it.
 */
const sharedInventories = new Map<string, Inventory>();

export function readInventoryShared(text: string, file: string): Inventory {
  const key = `${file}\0${text}`;
  let inv = sharedInventories.get(key);
  if (!inv) {
    inv = readInventory(text, file);
    if (sharedInventories.size >= 64) sharedInventories.clear();
    sharedInventories.set(key, inv);
  }
  return inv;
}

/**
 * `skipped 2 objects the simulator does not model: HorizontalPodAutoscaler/payments (helm.yaml:80), …`;
 * beyond SKIPPED_LISTED objects, counts by kind (in order of first appearance) and the first one's place:
 * `skipped 57 objects the simulator does not model: 40 Role, 17 Ingress (the first at helm.yaml:12)`.
 */
export function skippedNote(skipped: SkippedObject[]): string {
  if (skipped.length === 0) return '';
  const head = `skipped ${skipped.length} object${skipped.length === 1 ? '' : 's'} the simulator does not model`;
  if (skipped.length <= SKIPPED_LISTED)
    return `${head}: ${skipped.map((s) => `${s.kind}/${s.name} (${s.file}:${s.line})`).join(', ')}`;
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  return `${head}: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')} (the first at ${skipped[0].file}:${skipped[0].line})`;
}

const SKIPPED_LISTED = 5;

/**
 * The object without server-set metadata, for the API server's create path, which copies its
 * input before changing anything: only the metadata is copied here (the entry is shared, see
 * readInventoryShared, and stays as it was).
 */
function withoutServerMetadata<T extends KubeObject>(obj: T): T {
  const metadata = { ...obj.metadata } as Record<string, unknown>;
  for (const k of SERVER_SET_METADATA) delete metadata[k];
  return { ...obj, metadata };
}

/** Where non-field API errors point: the namespace that is missing, the name that exists, ... */
const FIELD_FOR_REASON: Partial<Record<ApiError['reason'], string>> = {
  NotFound: 'metadata.namespace',
  AlreadyExists: 'metadata.name',
  Forbidden: 'spec.priorityClassName',
};

/** The field a Forbidden error of an admission plugin is about (the ServiceAccount, the namespace being terminated, the PriorityClass). */
function fieldOfError(err: ApiError): string {
  if (err.reason === 'Forbidden' && err.message.includes(': error looking up service account '))
    return 'spec.serviceAccountName';
  if (err.reason === 'Forbidden' && err.message.endsWith(' because it is being terminated'))
    return 'metadata.namespace';
  return FIELD_FOR_REASON[err.reason] ?? '';
}

/** An API error as `file:line: message`, the line that of the field it names. */
function userError(e: ManifestEntry, err: unknown): never {
  if (!(err instanceof ApiError)) throw err;
  const line = e.lineOf(err.fieldErrors.length ? err.fieldErrors[0].field : fieldOfError(err));
  throw new UserError(`${e.file}:${line}: ${err.reason === 'Invalid' ? invalidText(err) : err.message}`);
}

/**
 * Where entries are applied: a cluster, or a bare API server over its own store (a dry run,
 * src/cli/simulate.ts checkDocuments), which has no kubelets to keep mirror pods with.
 */
export type ImportTarget = Pick<Cluster, 'api' | 'store' | 'clock'> & { kubelets?: Cluster['kubelets'] };

/** Creates the namespace when missing; one with an invalid name is not created, so the object is refused as kube-apiserver's NamespaceLifecycle refuses it (`namespaces "Team_A" not found`). */
function ensureNamespace(cluster: ImportTarget, name: string | undefined): void {
  if (!name || isDNS1123Label(name).length || cluster.store.get('Namespace', undefined, name)) return;
  cluster.api.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/**
 * Creates the ServiceAccount a captured pod names when missing (the capture's cluster had it; a
 * `kubectl get pods -A -o yaml` capture does not carry it): ServiceAccount admission refuses pods
 * whose ServiceAccount does not exist. `default` is left to the ServiceAccount controller.
 */
function ensureServiceAccount(cluster: ImportTarget, pod: Pod): void {
  const name = pod.spec?.serviceAccountName || pod.spec?.serviceAccount;
  const namespace = pod.metadata.namespace ?? 'default';
  if (typeof name !== 'string' || !name || name === 'default' || isDNS1123Subdomain(name).length) return;
  if (cluster.store.get('ServiceAccount', namespace, name)) return;
  cluster.api.create<ServiceAccount>({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
}

/** Stores a captured Node as it was (status included). */
export function importNode(cluster: ImportTarget, e: ManifestEntry): Node {
  const node = ensureNodeStatus(withoutServerMetadata(e.object as Node), cluster);
  try {
    return cluster.api.create(node);
  } catch (err) {
    return userError(e, err);
  }
}

/** Stores a captured pod bound to a node, keeping its status (see the header). */
export function importBoundPod(cluster: ImportTarget, e: ManifestEntry): Pod {
  const captured = withoutServerMetadata(e.object as Pod);
  delete captured.metadata.ownerReferences;
  if (captured.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) {
    const { [MIRROR_ANNOTATION]: _mirror, ...rest } = captured.metadata.annotations;
    captured.metadata.annotations = rest;
  }
  ensureNamespace(cluster, captured.metadata.namespace ?? 'default');
  ensureServiceAccount(cluster, captured);
  let prepared: Pod;
  try {
    prepared = cluster.api.prepareCreate(captured);
  } catch (err) {
    return userError(e, err);
  }
  if (!cluster.store.get('Node', undefined, prepared.spec.nodeName!)) {
    throw new UserError(
      `${e.file}:${e.lineOf('spec.nodeName')}: pod ${prepared.metadata.namespace}/${prepared.metadata.name} is bound to node ${prepared.spec.nodeName}, which is not in the inventory — load the nodes (kubectl get nodes -o yaml) before the pods`,
    );
  }
  if (captured.status) prepared.status = cloneData(captured.status);
  if ((e.object as Pod).metadata.annotations?.[MIRROR_ANNOTATION] !== undefined && cluster.kubelets)
    keepMirror(cluster as Cluster, prepared);
  return cluster.store.create(prepared);
}

/** A captured mirror pod whose static pod file the node has stays a mirror pod (see the header). */
function keepMirror(cluster: Cluster, pod: Pod): void {
  const nodeName = pod.spec.nodeName!;
  const hash = cluster.kubelets.get(nodeName).staticPodUid(pod.metadata.namespace ?? 'default', pod.metadata.name!);
  if (hash === undefined) return;
  const node = cluster.store.get<Node>('Node', undefined, nodeName)!;
  pod.metadata.annotations = {
    ...pod.metadata.annotations,
    'kubernetes.io/config.hash': hash,
    [MIRROR_ANNOTATION]: hash,
  };
  pod.metadata.ownerReferences = [
    { apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid!, controller: true },
  ];
}

export interface ApplyOptions {
  /** Settle after each object (the default) so that controllers and the scheduler act in order. */
  settleEach?: boolean;
}

/** Nodes first, wherever they appear in the file: bound pods need their node. */
export function nodesFirst(entries: ManifestEntry[]): ManifestEntry[] {
  return [...entries.filter((e) => e.object.kind === 'Node'), ...entries.filter((e) => e.object.kind !== 'Node')];
}

/**
 * Applies one entry: a Node or a pod bound to a node is imported as captured, anything else is
 * created through the API server; the namespace a namespaced object lives in is created when
 * missing, and a Namespace, `default` ServiceAccount or kube-root-ca.crt ConfigMap that already
 * exists is left as it is.
 */
export function applyEntry(cluster: ImportTarget, e: ManifestEntry): void {
  // managedFields: a node as its kubelet registers it, anything else as `kubectl create -f` creates it
  const writer = { manager: e.object.kind === 'Node' ? 'kubelet' : 'kubectl-create' };
  cluster.store.as(writer, () => applyOne(cluster, e));
}

function applyOne(cluster: ImportTarget, e: ManifestEntry): void {
  const obj = e.object;
  if (obj.kind === 'Node') importNode(cluster, e);
  else if (obj.kind === 'Pod' && (obj as Pod).spec?.nodeName) importBoundPod(cluster, e);
  else {
    // what the cluster makes itself (a namespace, its `default` ServiceAccount and kube-root-ca.crt) is left as it is
    if (
      MADE_BY_THE_CLUSTER(obj) &&
      cluster.store.get(obj.kind, obj.metadata.namespace ?? 'default', obj.metadata.name!)
    )
      return;
    if (kindInfo(obj.kind)?.namespaced) ensureNamespace(cluster, obj.metadata.namespace ?? 'default');
    try {
      cluster.api.create(withoutServerMetadata(obj));
    } catch (err) {
      userError(e, err);
    }
  }
}

/** Objects a cluster makes by itself, which a capture of one also holds: a Namespace, a `default` ServiceAccount, a kube-root-ca.crt ConfigMap. */
const MADE_BY_THE_CLUSTER = (o: KubeObject): boolean =>
  o.kind === 'Namespace' ||
  (o.kind === 'ServiceAccount' && o.metadata.name === 'default') ||
  (o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt');

/** Applies a file's inventory entries (applyEntry), Nodes first (nodesFirst). */
export function applyInventory(cluster: Cluster, entries: ManifestEntry[], opts: ApplyOptions = {}): void {
  for (const e of nodesFirst(entries)) {
    applyEntry(cluster, e);
    if (opts.settleEach !== false) cluster.settle();
  }
  cluster.settle();
}
