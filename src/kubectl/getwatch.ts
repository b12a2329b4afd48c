// `kubectl get TYPE [NAME] -w|--watch|--watch-only [--request-timeout D]` on the virtual clock
// (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go, GetOptions.watch). The current objects print
// first (not with --watch-only; the table's header comes with the first row), then one row (or
// document) per write of a watched object, printed when the write happens while the virtual
// clock runs timer by timer. Table columns keep the widths they reached (kubectl's tabwriter
// remembers widths across flushes); -o yaml separates documents with `---`.
//
// When it ends: kubectl watches until the request timeout or Ctrl-C. With --request-timeout the
// clock runs exactly that long; without it the watch ends when nothing more is scheduled in the
// cluster (a real kubectl would then wait, printing nothing more), and a cluster that keeps
// changing for a whole virtual day is refused as not supported (give --request-timeout).

import type { KindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/types.ts';
import { notFound } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Ctx } from './flags.ts';
import { type ObjectPrinter, objectPrinter } from './output.ts';
import { buildTable } from './printers.ts';
import type { ResourceRef } from './resources.ts';
import { GET_TABWRITER } from './tabwriter.ts';
import { advanceUntil } from './clockwait.ts';

/** How long (virtual time) a watch without --request-timeout may run before it is refused. */
const QUIET_CAP_MS = 24 * 3_600_000;

/** --request-timeout (a global flag): `0` (none), an integer of seconds, or a number with s|m|h. */
export function requestTimeoutMs(ctx: Ctx): number | undefined {
  const text = ctx.str('request-timeout');
  if (text === '' || text === '0') return undefined;
  const m = /^(\d+)(s|m|h)?$/.exec(text);
  if (!m)
    throw new UserError(
      'Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)',
    );
  const n = Number(m[1]);
  const ms = (m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : n) * 1000;
  return ms === 0 ? undefined : ms;
}

/** A table whose columns only grow: each flush pads to the widest cell seen so far (liggitt/tabwriter RememberWidths). */
class RememberingTable {
  private widths: number[] = [];
  write(rows: string[][]): string {
    const { minwidth, padding } = GET_TABWRITER;
    for (const r of rows)
      for (let j = 0; j < r.length - 1; j++)
        this.widths[j] = Math.max(this.widths[j] ?? 0, minwidth, [...r[j]].length + padding);
    return rows
      .map((r) => r.map((c, j) => (j < r.length - 1 ? c + ' '.repeat(this.widths[j] - [...c].length) : c)).join(''))
      .map((l) => `${l}\n`)
      .join('');
  }
}

interface WatchRequest {
  info: KindInfo;
  /** One object named (printed, then its changes) — or every object of the type that matches. */
  name?: string;
  namespace: string | undefined;
  match?: (labels: Record<string, string> | undefined) => boolean;
}

/** Builds the watch request from get's arguments: one resource type only. */
export function watchRequest(
  ctx: Ctx,
  types: KindInfo[],
  refs: ResourceRef[],
  match: WatchRequest['match'],
): WatchRequest {
  const kinds = new Set([...types, ...refs.map((r) => r.info)].map((i) => i.kind));
  if (kinds.size > 1 || types.length > 1) throw new UserError('you may only specify a single resource type');
  if (refs.length > 1) throw new NotSupportedError('kubectl get --watch of several objects by name');
  const info = types[0] ?? refs[0].info;
  const allNs = ctx.bool('all-namespaces');
  const namespace = info.namespaced && !(allNs && refs.length === 0) ? ctx.namespace() : undefined;
  return { info, name: refs[0]?.name, namespace, match };
}

/** Runs the watch; returns the exit code. */
export function runWatch(ctx: Ctx, req: WatchRequest): number {
  const { cluster } = ctx;
  const output = ctx.str('output');
  const watchOnly = ctx.bool('watch-only');
  const events = ctx.bool('output-watch-events');
  const timeout = requestTimeoutMs(ctx);
  const table = output === '' || output === 'wide';
  if (events && !table)
    throw new NotSupportedError('kubectl get --watch --output-watch-events with -o (WatchEvent objects)');
  if (ctx.str('sort-by')) ctx.eprint('warning: --watch requested, --sort-by will be ignored for watch events received');
  const withNamespace = ctx.bool('all-namespaces') && req.info.namespaced && !req.name;
  const watched = (o: KubeObject) =>
    o.kind === req.info.kind &&
    (req.namespace === undefined || o.metadata.namespace === req.namespace) &&
    (req.name === undefined || o.metadata.name === req.name) &&
    (!req.match || req.match(o.metadata.labels));

  let initial: KubeObject[];
  if (req.name !== undefined) {
    const obj = cluster.store.get(req.info.kind, req.namespace, req.name);
    if (!obj) throw notFound(req.info.kind, req.name);
    initial = [obj];
  } else initial = cluster.store.list(req.info.kind, req.namespace).filter(watched);

  const rows = new RememberingTable();
  let headerDone = ctx.bool('no-headers');
  let printer: ObjectPrinter | undefined;
  let printed = 0;
  const print = (objs: KubeObject[], type: string) => {
    if (objs.length === 0) return;
    if (table) {
      const built = buildTable(req.info.kind, objs, {
        wide: output === 'wide',
        withNamespace,
        showLabels: ctx.bool('show-labels'),
        clock: cluster.clock,
      });
      let lines = built.slice(1);
      // the table printer pads the event type to the width of MODIFIED (cli-runtime printers/tableprinter.go)
      if (events) lines = lines.map((r) => [type.padEnd('MODIFIED'.length), ...r]);
      if (!headerDone) {
        lines = [events ? ['EVENT', ...built[0]] : built[0], ...lines];
        headerDone = true;
      }
      ctx.printRaw(rows.write(lines));
      return;
    }
    printer ??= objectPrinter(ctx, output);
    for (const o of objs) {
      if (output === 'yaml' && printed > 0) ctx.printRaw('---\n');
      ctx.printRaw(printer.print(o));
      printed++;
    }
  };
  if (!watchOnly) print(initial, 'ADDED');

  const stop = cluster.store.watch((e) => {
    if (watched(e.object)) print([e.object], e.type);
  });
  try {
    const start = cluster.clock.now();
    if (timeout !== undefined) advanceUntil(cluster, () => false, start + timeout);
    else {
      advanceUntil(cluster, () => false, start + QUIET_CAP_MS, false);
      if (cluster.clock.nextTimer() !== undefined)
        throw new NotSupportedError(
          'kubectl get --watch without --request-timeout on a cluster that keeps changing for a whole virtual day (give --request-timeout)',
        );
    }
  } finally {
    stop();
  }
  return 0;
}
