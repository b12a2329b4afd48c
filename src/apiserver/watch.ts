// WATCH of the served API (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/watch.go): a
// chunked stream of `{"type":…,"object":…}` lines from the store's watch. Without a
// resourceVersion (or with "0") the stream starts with an ADDED event per existing object, as
// the watch cache does; with one it replays the events since that version from the watch
// history (history.ts), or, when the version is older than the history's window, sends one ERROR
// event with the cache's 410 Expired Status (cacher.go newErrWatcher). An object that
// starts or stops matching the selectors arrives as ADDED or DELETED (the cacher's filtering).
// With Accept as=Table each event carries a one-row Table. timeoutSeconds ends the stream.

// biome-ignore lint/style/noRestrictedImports: serve's API server (types only)
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../api/types.ts';
import type { WatchEvent } from '../store/store.ts';
import { listPage, type ResourceRequest, type Served } from './resources.ts';
import { failure } from './status.ts';
import { listFilter } from './selectors.ts';
import { isComputed, watchComputed } from './computed.ts';
import { TABLE_MEDIA, toTable, wantsTable } from './tables.ts';

export function serveWatch(
  s: Served,
  req: ResourceRequest,
  res: ServerResponse,
  onClose: (stop: () => void) => void,
): void {
  const filter = listFilter(req.info.kind, req.query.get('labelSelector'), req.query.get('fieldSelector'));
  const asTable = wantsTable(req.headers.accept as string);
  const includeObject = req.query.get('includeObject') ?? 'Metadata';
  const inScope = (o: KubeObject) =>
    o.kind === req.info.kind &&
    (!req.info.namespaced || !req.namespace || o.metadata.namespace === req.namespace) &&
    (!req.name || o.metadata.name === req.name);
  const matches = (o: KubeObject | undefined) => !!o && inScope(o) && (!filter || filter(o));
  res.writeHead(200, {
    'content-type': asTable ? TABLE_MEDIA : 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  res.flushHeaders(); // a client waits for the headers before it writes what it watches for
  const send = (type: string, o: KubeObject) => {
    const object = asTable
      ? toTable(req.info.kind, [o], s.cluster.clock, includeObject, o.metadata.resourceVersion ?? '')
      : o;
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const rv = req.query.get('resourceVersion');
  let replay: WatchEvent[] = [];
  if (!rv || rv === '0') {
    for (const o of listPage(s, { ...req, query: withoutPaging(req.query) }).items)
      if (!req.name || o.metadata.name === req.name) send('ADDED', o);
  } else if (s.history && /^\d+$/.test(rv)) {
    const since = s.history.since(req.info.kind, Number(rv));
    if ('expired' in since) {
      res.write(`${JSON.stringify({ type: 'ERROR', object: failure(410, 'Expired', since.expired) })}\n`);
      res.end();
      return;
    }
    replay = since.events;
  }
  const onEvent = (e: WatchEvent) => {
    if (!inScope(e.object)) return;
    const now = matches(e.object),
      before = e.type === 'MODIFIED' ? matches(e.old) : false;
    if (e.type === 'DELETED') {
      if (now) send('DELETED', e.object);
      return;
    }
    if (e.type === 'ADDED') {
      if (now) send('ADDED', e.object);
      return;
    }
    if (now && before) send('MODIFIED', e.object);
    else if (now) send('ADDED', e.object);
    else if (before) send('DELETED', e.object);
  };
  for (const e of replay) onEvent(e);
  const unwatch = isComputed(req.info.kind)
    ? watchComputed(s.cluster, req.info.kind, req.info.namespaced ? req.namespace : undefined, onEvent)
    : s.cluster.store.watch(onEvent);
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    unwatch();
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timeout = Number(req.query.get('timeoutSeconds') ?? 0);
  if (timeout > 0) timer = setTimeout(stop, timeout * 1000);
  onClose(stop);
}

function withoutPaging(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(q);
  out.delete('limit');
  out.delete('continue');
  return out;
}
