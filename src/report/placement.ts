// The placement picture of a cluster as SVG, for the HTML report: one column per node (name,
// roles, Ready / SchedulingDisabled, taints, the labels people set, cpu and memory requested vs
// allocatable as bars) holding a box per pod coloured by its owner (Deployment, DaemonSet,
// static, other controller, bare), and a column of the Pending pods with why, wrapped.
// Up to 50 nodes the columns wrap in rows of 8; beyond 50 nodes the picture becomes a summary:
// one small cell per node with its pod count (a bar split by owner) and its cpu use, the cells
// grouped by node pool and zone (a heading per group with its node, pod and cpu totals).
// Names cut to fit keep their end (the generated suffix that tells pods apart: `payments-a…-bvgxb`),
// and every node, pod and cell has an SVG <title> with the full text, shown on hover.

import type { Node, Pod, ReplicaSet } from '../api/types.ts';
import { resourceAmount } from '../api/quantity.ts';
import { podRequests } from '../api/resources.ts';
import { formatTaint } from '../api/taints.ts';
import type { ObjectStore } from '../store/store.ts';

export type OwnerKind = 'Deployment' | 'DaemonSet' | 'static' | 'controller' | 'bare';

export interface PlacedPod {
  /** namespace/name, or just the name in the default namespace. */
  name: string;
  owner: OwnerKind;
  phase: string;
  terminating: boolean;
  /** Why a pod is not scheduled (the PodScheduled condition's message). */
  reason?: string;
}

export interface PlacedNode {
  name: string;
  roles: string[];
  ready: boolean;
  cordoned: boolean;
  taints: string[];
  /** Labels other than the kubelet's and the role labels, as key=value. */
  labels: string[];
  /** Requested by the non-terminated pods bound to the node, and allocatable (cpu in millicores, memory in bytes). */
  cpu: { used: number; allocatable: number };
  memory: { used: number; allocatable: number };
  pods: PlacedPod[];
  /** The node pool (the first of POOL_LABELS the node has) and topology.kubernetes.io/zone, when labelled. */
  pool?: string;
  zone?: string;
}

export interface Placement {
  nodes: PlacedNode[];
  pending: PlacedPod[];
}

/** Beyond this many nodes the picture is a summary of pods per node. */
export const DETAIL_MAX_NODES = 50;
const CONTROL_LABEL_PREFIXES = [
  'kubernetes.io/',
  'beta.kubernetes.io/',
  'node-role.kubernetes.io/',
  'node.kubernetes.io/',
];
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
/** Labels naming a node's pool, in the order they are looked for (GKE, EKS, AKS, Karpenter, a plain `pool`). */
export const POOL_LABELS = [
  'cloud.google.com/gke-nodepool',
  'eks.amazonaws.com/nodegroup',
  'kubernetes.azure.com/agentpool',
  'agentpool',
  'karpenter.sh/nodepool',
  'pool',
  'nodepool',
];
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export const OWNER_COLOURS: Record<OwnerKind, string> = {
  Deployment: '#3b6fb6',
  DaemonSet: '#8a5cc2',
  static: '#d9731a',
  controller: '#3d9a52',
  bare: '#6f6f6f',
};
const OWNER_LABELS: Record<OwnerKind, string> = {
  Deployment: 'Deployment',
  DaemonSet: 'DaemonSet',
  static: 'static (mirror)',
  controller: 'other controller',
  bare: 'bare pod',
};

function ownerOf(store: ObjectStore, pod: Pod): OwnerKind {
  if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return 'static';
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!ref) return 'bare';
  if (ref.kind === 'Node') return 'static';
  if (ref.kind === 'DaemonSet') return 'DaemonSet';
  if (ref.kind === 'ReplicaSet') {
    const rs = store.get<ReplicaSet>('ReplicaSet', pod.metadata.namespace, ref.name);
    if (rs?.metadata.ownerReferences?.some((r) => r.kind === 'Deployment')) return 'Deployment';
  }
  return 'controller';
}

const podName = (p: Pod) =>
  p.metadata.namespace === 'default' ? p.metadata.name! : `${p.metadata.namespace}/${p.metadata.name}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the picture shows, read from the store. */
export function placementOf(store: ObjectStore): Placement {
  const nodes = new Map<string, PlacedNode>();
  for (const n of store.list<Node>('Node')) {
    const labels = n.metadata.labels ?? {};
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    nodes.set(n.metadata.name!, {
      name: n.metadata.name!,
      roles: Object.keys(labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .sort(),
      ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
      cordoned: n.spec?.unschedulable === true,
      taints: (n.spec?.taints ?? []).map(formatTaint),
      labels: Object.entries(labels)
        .filter(([k]) => !CONTROL_LABEL_PREFIXES.some((p) => k.startsWith(p)))
        .map(([k, v]) => `${k}=${v}`)
        .sort(),
      cpu: { used: 0, allocatable: alloc.cpu !== undefined ? resourceAmount('cpu', alloc.cpu) : 0 },
      memory: { used: 0, allocatable: alloc.memory !== undefined ? resourceAmount('memory', alloc.memory) : 0 },
      pods: [],
      pool: POOL_LABELS.map((k) => labels[k]).find((v) => v !== undefined),
      zone: labels[ZONE_LABEL],
    });
  }
  const pending: PlacedPod[] = [];
  const pods = store.list<Pod>('Pod').sort((a, b) => cmp(podName(a), podName(b)));
  for (const p of pods) {
    const placed: PlacedPod = {
      name: podName(p),
      owner: ownerOf(store, p),
      phase: p.status?.phase ?? 'Pending',
      terminating: !!p.metadata.deletionTimestamp,
    };
    const node = p.spec.nodeName ? nodes.get(p.spec.nodeName) : undefined;
    if (!node) {
      const cond = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      placed.reason =
        cond?.message ??
        cond?.reason ??
        (p.spec.nodeName ? `bound to missing node ${p.spec.nodeName}` : 'not scheduled yet');
      pending.push(placed);
      continue;
    }
    node.pods.push(placed);
    if (placed.phase !== 'Succeeded' && placed.phase !== 'Failed') {
      const req = podRequests(p);
      node.cpu.used += req.cpu ?? 0;
      node.memory.used += req.memory ?? 0;
    }
  }
  return { nodes: [...nodes.values()], pending };
}

// ---- rendering -----------------------------------------------------------------------------

const FONT = 'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace"';
/** Approximate advance of one monospace character at font size s. */
const charWidth = (size: number) => size * 0.6;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cuts text to what fits in `width` pixels at font size `size`, ending with "…" when cut. */
export function fit(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / charWidth(size)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Cuts a name to fit with "…" in the middle, keeping its last segment (after the last "-") or
 * at least its last third: generated names differ at the end (`web-6c7768c69c-bvgxb`).
 */
export function fitName(name: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / charWidth(size)));
  if (name.length <= max) return name;
  const dash = name.lastIndexOf('-');
  const tail = Math.min(max - 2, Math.max(Math.ceil(max / 3), dash > 0 ? name.length - dash : 0));
  return `${name.slice(0, max - 1 - tail)}…${name.slice(name.length - tail)}`;
}

function text(x: number, y: number, s: string, size: number, attrs = ''): string {
  return `<text x="${x}" y="${y}" font-size="${size}" ${attrs}>${esc(s)}</text>`;
}

function cpuText(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${(m / 1000).toFixed(1).replace(/\.0$/, '')}`;
}
function memText(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1).replace(/\.0$/, '')}Gi`;
  return `${Math.round(b / 2 ** 20)}Mi`;
}

function bar(
  x: number,
  y: number,
  w: number,
  label: string,
  used: number,
  alloc: number,
  show: (n: number) => string,
): string {
  const frac = alloc > 0 ? used / alloc : 0;
  const colour = frac > 1 ? '#c0392b' : frac > 0.8 ? '#e67e22' : '#4caf50';
  const inner = Math.min(1, frac) * w;
  return [
    `<rect x="${x}" y="${y}" width="${w}" height="8" rx="2" fill="#e4e4e4"/>`,
    `<rect x="${x}" y="${y}" width="${inner.toFixed(1)}" height="8" rx="2" fill="${colour}"/>`,
    text(
      x,
      y + 19,
      fit(`${label} ${show(used)}/${show(alloc)} (${Math.round(frac * 100)}%)`, w, 10),
      10,
      'fill="#333"',
    ),
  ].join('');
}

function legend(y: number, title: string | undefined): { svg: string; height: number } {
  const parts: string[] = [];
  let h = 0;
  if (title) {
    parts.push(text(10, y + 16, title, 14, 'font-weight="bold" fill="#222"'));
    h += 24;
  }
  let x = 10;
  for (const kind of Object.keys(OWNER_COLOURS) as OwnerKind[]) {
    parts.push(`<rect x="${x}" y="${y + h + 2}" width="14" height="12" rx="2" fill="${OWNER_COLOURS[kind]}"/>`);
    parts.push(text(x + 18, y + h + 12, OWNER_LABELS[kind], 11, 'fill="#333"'));
    x += 18 + OWNER_LABELS[kind].length * charWidth(11) + 16;
  }
  parts.push(
    `<rect x="${x}" y="${y + h + 2}" width="14" height="12" rx="2" fill="#fff" stroke="#999" stroke-dasharray="3 2"/>`,
  );
  parts.push(text(x + 18, y + h + 12, 'terminating', 11, 'fill="#333"'));
  return { svg: parts.join(''), height: h + 24 };
}

const COL_W = 160;
const GAP = 8;
const PER_ROW = 8;
const POD_H = 18;
const MAX_PODS_SHOWN = 24;
/** Lines of a Pending pod's reason in its box (the whole reason is in its <title>). */
const REASON_LINES = 12;

/** Lines of `s` cut at `max` characters, at most `lines` of them (the last one ends with … when cut). */
function wrap(s: string, max: number, lines: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length && out.length < lines; i += max) out.push(s.slice(i, i + max));
  if (out.join('').length < s.length) out[out.length - 1] = `${out[out.length - 1].slice(0, -1)}…`;
  return out;
}

const TAINT_CHARS = Math.floor((COL_W - 12) / charWidth(9));

/** The lines under a node's name: status, roles, taints (each up to 2 lines), labels. */
function nodeInfoLines(n: PlacedNode): { text: string; fill: string; size: number }[] {
  const status = [n.ready ? 'Ready' : 'NotReady', ...(n.cordoned ? ['SchedulingDisabled'] : [])].join(',');
  const lines = [
    { text: status, fill: n.cordoned || !n.ready ? '#c0392b' : '#2e7d32', size: 10 },
    { text: `roles: ${n.roles.join(',') || '<none>'}`, fill: '#444', size: 10 },
  ];
  for (const t of n.taints.slice(0, 3))
    for (const l of wrap(`taint ${t}`, TAINT_CHARS, 2)) lines.push({ text: l, fill: '#a33', size: 9 });
  if (n.taints.length > 3) lines.push({ text: `+${n.taints.length - 3} more taints`, fill: '#a33', size: 9 });
  for (const l of n.labels.slice(0, 3)) lines.push({ text: fit(l, COL_W - 12, 9), fill: '#357', size: 9 });
  if (n.labels.length > 3) lines.push({ text: `+${n.labels.length - 3} more labels`, fill: '#357', size: 9 });
  return lines;
}

/** The hover text of a node: everything its column shortens or leaves out. */
function nodeTitle(n: PlacedNode): string {
  return [
    n.name,
    `${n.ready ? 'Ready' : 'NotReady'}${n.cordoned ? ',SchedulingDisabled' : ''}; roles: ${n.roles.join(',') || '<none>'}`,
    `cpu ${cpuText(n.cpu.used)}/${cpuText(n.cpu.allocatable)}, memory ${memText(n.memory.used)}/${memText(n.memory.allocatable)} requested; ${n.pods.length} pods`,
    ...n.taints.map((t) => `taint ${t}`),
    ...n.labels,
  ].join('\n');
}

function nodeHeaderLines(n: PlacedNode): number {
  return nodeInfoLines(n).length;
}

function nodeColumn(n: PlacedNode, x: number, y: number, headerH: number, bodyH: number): string {
  const w = COL_W;
  const parts: string[] = [];
  const bg = n.cordoned ? '#fbeaea' : !n.ready ? '#f3f3f3' : '#f4f7fb';
  parts.push(
    `<rect x="${x}" y="${y}" width="${w}" height="${headerH + bodyH}" rx="4" fill="${bg}" stroke="${n.cordoned ? '#c0392b' : '#b8c4d6'}"/>`,
  );
  let ty = y + 16;
  parts.push(
    `<g><title>${esc(nodeTitle(n))}</title><rect x="${x}" y="${y}" width="${w}" height="${headerH}" fill-opacity="0"/>`,
  );
  parts.push(text(x + 6, ty, fitName(n.name, w - 12, 13), 13, 'font-weight="bold" fill="#111"'));
  for (const l of nodeInfoLines(n)) {
    ty += 12;
    parts.push(text(x + 6, ty, l.text, l.size, `fill="${l.fill}"`));
  }
  const by = y + headerH - 52;
  parts.push(bar(x + 6, by, w - 12, 'cpu', n.cpu.used, n.cpu.allocatable, cpuText));
  parts.push(bar(x + 6, by + 24, w - 12, 'mem', n.memory.used, n.memory.allocatable, memText));
  parts.push('</g>');
  let py = y + headerH;
  for (const p of n.pods.slice(0, MAX_PODS_SHOWN)) {
    parts.push(podBox(p, x + 4, py, w - 8));
    py += POD_H + 2;
  }
  if (n.pods.length > MAX_PODS_SHOWN)
    parts.push(text(x + 8, py + 12, `+${n.pods.length - MAX_PODS_SHOWN} more pods`, 10, 'fill="#333"'));
  return `<g>${parts.join('')}</g>`;
}

function podBox(p: PlacedPod, x: number, y: number, w: number): string {
  const colour = OWNER_COLOURS[p.owner];
  const suffix = p.phase !== 'Running' ? ` · ${p.phase}` : '';
  const label = `${fitName(p.name.slice(p.name.indexOf('/') + 1), w - 10 - suffix.length * charWidth(10), 10)}${suffix}`;
  const box = p.terminating
    ? `<rect x="${x}" y="${y}" width="${w}" height="${POD_H}" rx="3" fill="#fff" stroke="${colour}" stroke-dasharray="3 2"/>`
    : `<rect x="${x}" y="${y}" width="${w}" height="${POD_H}" rx="3" fill="${colour}"/>`;
  const fill = p.terminating ? colour : '#fff';
  return `<g><title>${esc(`${p.name} (${OWNER_LABELS[p.owner]}, ${p.phase}${p.terminating ? ', terminating' : ''})`)}</title>${box}${text(x + 5, y + 13, label, 10, `fill="${fill}"`)}</g>`;
}

/** The first words of a FailedScheduling message, wrapped into at most `lines` lines. */
export function firstWords(reason: string, width: number, size: number, lines: number): string[] {
  const max = Math.floor(width / charWidth(size));
  const words = reason.replace(/^0\/\d+ nodes are available: /, '').split(/\s+/);
  const out: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && (cur + ' ' + w).length > max) {
      out.push(cur);
      cur = '';
      if (out.length === lines) break;
    }
    cur = cur ? `${cur} ${w}` : w;
  }
  if (out.length < lines && cur) out.push(cur);
  const whole = out.join(' ').length >= reason.replace(/^0\/\d+ nodes are available: /, '').length;
  if (!whole && out.length) out[out.length - 1] = fit(`${out[out.length - 1]} …`, width, size);
  return out.map((l) => fit(l, width, size));
}

function pendingColumn(pending: PlacedPod[], x: number, y: number, headerH: number, bodyH: number): string {
  const w = COL_W;
  const parts = [
    `<rect x="${x}" y="${y}" width="${w}" height="${headerH + bodyH}" rx="4" fill="#fff8e1" stroke="#e0b000"/>`,
  ];
  parts.push(text(x + 6, y + 16, `Pending (${pending.length})`, 13, 'font-weight="bold" fill="#7a5b00"'));
  parts.push(text(x + 6, y + 30, 'not bound to a node', 10, 'fill="#7a5b00"'));
  let py = y + headerH;
  for (const p of pending.slice(0, MAX_PODS_SHOWN / 2)) {
    const reason = firstWords(p.reason ?? '', w - 14, 9, REASON_LINES);
    parts.push(`<g><title>${esc(`${p.name}: ${p.reason ?? ''}`)}</title>`);
    parts.push(
      `<rect x="${x + 4}" y="${py}" width="${w - 8}" height="${POD_H + 4 + reason.length * 11}" rx="3" fill="#fff" stroke="${OWNER_COLOURS[p.owner]}" stroke-width="2"/>`,
    );
    parts.push(
      text(x + 9, py + 13, fitName(p.name, w - 18, 10), 10, `fill="${OWNER_COLOURS[p.owner]}" font-weight="bold"`),
    );
    reason.forEach((l, i) => parts.push(text(x + 9, py + 26 + i * 11, l, 9, 'fill="#555"')));
    parts.push('</g>');
    py += POD_H + 6 + reason.length * 11;
  }
  if (pending.length > MAX_PODS_SHOWN / 2)
    parts.push(text(x + 8, py + 12, `+${pending.length - MAX_PODS_SHOWN / 2} more pending`, 10, 'fill="#7a5b00"'));
  return `<g>${parts.join('')}</g>`;
}

function pendingBodyHeight(pending: PlacedPod[]): number {
  let h = 0;
  for (const p of pending.slice(0, MAX_PODS_SHOWN / 2))
    h += POD_H + 6 + firstWords(p.reason ?? '', COL_W - 14, 9, REASON_LINES).length * 11;
  return h + (pending.length > MAX_PODS_SHOWN / 2 ? 18 : 0) + 6;
}

function detailed(p: Placement, top: number): { svg: string; width: number; height: number } {
  type Col = { kind: 'node'; node: PlacedNode } | { kind: 'pending' };
  const cols: Col[] = [
    ...(p.pending.length ? [{ kind: 'pending' } as Col] : []),
    ...p.nodes.map((node): Col => ({ kind: 'node', node })),
  ];
  const parts: string[] = [];
  let y = top;
  const perRow = Math.min(PER_ROW, Math.max(1, cols.length));
  for (let i = 0; i < cols.length; i += perRow) {
    const row = cols.slice(i, i + perRow);
    const headerH = 16 + 12 * Math.max(2, ...row.map((c) => (c.kind === 'node' ? nodeHeaderLines(c.node) : 0))) + 58;
    const bodyH = Math.max(
      24,
      ...row.map((c) =>
        c.kind === 'node'
          ? Math.min(c.node.pods.length, MAX_PODS_SHOWN) * (POD_H + 2) +
            (c.node.pods.length > MAX_PODS_SHOWN ? 18 : 0) +
            4
          : pendingBodyHeight(p.pending),
      ),
    );
    row.forEach((c, j) => {
      const x = 10 + j * (COL_W + GAP);
      parts.push(
        c.kind === 'node' ? nodeColumn(c.node, x, y, headerH, bodyH) : pendingColumn(p.pending, x, y, headerH, bodyH),
      );
    });
    y += headerH + bodyH + GAP;
  }
  return { svg: parts.join(''), width: 20 + perRow * (COL_W + GAP) - GAP, height: y };
}

const CELL_W = 108;
const CELL_H = 46;
const CELLS_PER_ROW = 12;

/** Nodes by pool and zone, in name order of the groups; one unnamed group when no node has either label. */
export function nodeGroups(nodes: PlacedNode[]): { label: string; nodes: PlacedNode[] }[] {
  const groups = new Map<string, PlacedNode[]>();
  for (const n of nodes) {
    const label =
      n.pool === undefined && n.zone === undefined ? '' : `pool ${n.pool ?? '<none>'} · zone ${n.zone ?? '<none>'}`;
    groups.set(label, [...(groups.get(label) ?? []), n]);
  }
  return [...groups].sort((a, b) => cmp(a[0], b[0])).map(([label, members]) => ({ label, nodes: members }));
}

function summaryCell(n: PlacedNode, x: number, cy: number, maxPods: number): string {
  const parts: string[] = [];
  const cpu = n.cpu.allocatable ? n.cpu.used / n.cpu.allocatable : 0;
  parts.push(`<g><title>${esc(nodeTitle(n))}</title>`);
  parts.push(
    `<rect x="${x}" y="${cy}" width="${CELL_W}" height="${CELL_H}" rx="3" fill="${n.cordoned ? '#fbeaea' : '#f4f7fb'}" stroke="${n.cordoned ? '#c0392b' : n.taints.length ? '#d08a8a' : '#b8c4d6'}"/>`,
  );
  parts.push(text(x + 4, cy + 12, fitName(n.name, CELL_W - 8, 10), 10, 'font-weight="bold" fill="#111"'));
  parts.push(
    text(x + 4, cy + 24, fit(`${n.pods.length} pods · cpu ${Math.round(cpu * 100)}%`, CELL_W - 8, 9), 9, 'fill="#333"'),
  );
  let bx = x + 4;
  for (const kind of Object.keys(OWNER_COLOURS) as OwnerKind[]) {
    const count = n.pods.filter((q) => q.owner === kind).length;
    if (!count) continue;
    const w = (count / maxPods) * (CELL_W - 8);
    parts.push(
      `<rect x="${bx.toFixed(1)}" y="${cy + 31}" width="${w.toFixed(1)}" height="10" fill="${OWNER_COLOURS[kind]}"/>`,
    );
    bx += w;
  }
  parts.push('</g>');
  return parts.join('');
}

function summary(p: Placement, top: number): { svg: string; width: number; height: number } {
  const parts: string[] = [];
  const total = p.nodes.reduce((s, n) => s + n.pods.length, 0);
  const maxPods = Math.max(1, ...p.nodes.map((n) => n.pods.length));
  const reasons = new Map<string, number>();
  for (const q of p.pending) {
    const r = (q.reason ?? '').replace(/^0\/\d+ nodes are available: /, '');
    reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  const width = CELLS_PER_ROW * (CELL_W + 4);
  const head = `${p.nodes.length} nodes, ${total} pods bound, ${p.pending.length} Pending — pods per node (more than ${DETAIL_MAX_NODES} nodes: a summary by pool and zone; red border = tainted or cordoned; hover a cell for its node)`;
  parts.push(text(10, top + 14, fit(head, width, 12), 12, 'fill="#222"'));
  let y = top + 22;
  for (const [r, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    const lines = firstWords(r, width - 80, 11, 3);
    parts.push(`<g><title>${esc(`${count} Pending pod(s): ${r}`)}</title>`);
    lines.forEach((l, i) => {
      y += 14;
      parts.push(text(10, y, i === 0 ? `Pending ×${count}: ${l}` : `    ${l}`, 11, 'fill="#7a5b00"'));
    });
    parts.push('</g>');
  }
  if (reasons.size > 5) {
    y += 14;
    parts.push(text(10, y, `… ${reasons.size - 5} more Pending reasons`, 11, 'fill="#7a5b00"'));
  }
  y += 10;
  for (const g of nodeGroups(p.nodes)) {
    if (g.label) {
      const pods = g.nodes.reduce((s, n) => s + n.pods.length, 0);
      const used = g.nodes.reduce((s, n) => s + n.cpu.used, 0);
      const alloc = g.nodes.reduce((s, n) => s + n.cpu.allocatable, 0);
      y += 16;
      parts.push(
        text(
          10,
          y,
          fit(
            `${g.label} — ${g.nodes.length} nodes, ${pods} pods, cpu ${alloc ? Math.round((used / alloc) * 100) : 0}% requested`,
            width,
            12,
          ),
          12,
          'font-weight="bold" fill="#1a3a6b"',
        ),
      );
      y += 6;
    }
    g.nodes.forEach((n, i) => {
      parts.push(
        summaryCell(
          n,
          10 + (i % CELLS_PER_ROW) * (CELL_W + 4),
          y + Math.floor(i / CELLS_PER_ROW) * (CELL_H + 4),
          maxPods,
        ),
      );
    });
    y += Math.ceil(g.nodes.length / CELLS_PER_ROW) * (CELL_H + 4) + 4;
  }
  return { svg: parts.join(''), width: 20 + width, height: y + 6 };
}

/** The SVG document of the placement; `title` goes above the legend (e.g. the scenario name). */
export function renderPlacementSvg(p: Placement, title?: string): string {
  const lg = legend(6, title);
  const body = p.nodes.length > DETAIL_MAX_NODES ? summary(p, lg.height + 8) : detailed(p, lg.height + 8);
  const width = Math.max(body.width, 720);
  const height = body.height + 6;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    lg.svg,
    body.svg,
    '</svg>',
  ].join('\n');
}
