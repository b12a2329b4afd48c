// The HTTP server of `kube-scenarios serve`: the Kubernetes API of one simulated cluster on
// 127.0.0.1 (plain HTTP, no authentication: it never listens elsewhere). Requests are answered
// by router.ts, watches by watch.ts. The cluster's virtual clock follows the wall clock (× speed)
// while the server runs, firing the cluster's timers as it goes (kubelet start-up steps, back-off,
// grace periods), so `kubectl get pods -w` shows a pod go Pending → ContainerCreating → Running;
// each write runs the cluster's components at once (Cluster.settleNow), without moving time.

// biome-ignore lint/style/noRestrictedImports: serve's API server listens on 127.0.0.1 only (docs/serve.md)
import { createServer, type Server, type ServerResponse } from 'node:http';
// biome-ignore lint/style/noRestrictedImports: serve's API server (types only)
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../cluster/cluster.ts';
import { parseResourcePath, route } from './router.ts';
import type { Served } from './resources.ts';
import { errorStatus } from './status.ts';
import { serveUpgrade } from './exec.ts';
import { WatchHistory } from './history.ts';
import { serveWatch } from './watch.ts';

export interface ServeOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Virtual seconds per wall-clock second; 0 stops the clock (it moves only when the caller advances it). Default 1. */
  speed?: number;
  /** How often the clock catches up with the wall clock, ms (default 100). */
  tickMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Brings the virtual clock to where the wall clock says it should be (the ticker calls it). */
  tick(): void;
  close(): Promise<void>;
}

const MAX_BODY = 64 << 20;

export async function startServer(cluster: Cluster, opts: ServeOptions = {}): Promise<RunningServer> {
  const speed = opts.speed ?? 1;
  const history = new WatchHistory(cluster.store, cluster.clock);
  const served: Served = { cluster, afterWrite: () => cluster.settleNow(), history };
  const wall0 = Date.now(),
    virtual0 = cluster.clock.now();
  let stopped: string | undefined;
  const tick = () => {
    if (speed <= 0 || stopped !== undefined) return;
    const target = virtual0 + (Date.now() - wall0) * speed;
    if (target > cluster.clock.now()) cluster.advance(target - cluster.clock.now());
  };
  const watches = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      try {
        tick();
        const method = req.method ?? 'GET';
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (size > MAX_BODY) {
          res.writeHead(413, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              metadata: {},
              status: 'Failure',
              message: 'Request entity too large: limit is 67108864',
              reason: 'RequestEntityTooLarge',
              code: 413,
            }),
          );
          return;
        }
        const watch = url.searchParams.get('watch');
        const parsed =
          method === 'GET' && (watch === 'true' || watch === '1') ? parseResourcePath(url.pathname) : undefined;
        if (parsed) {
          serveWatch(
            served,
            { ...parsed, method, query: url.searchParams, headers: req.headers, body: '' },
            res,
            (stop) => {
              watches.add(stop);
              res.on('close', () => {
                watches.delete(stop);
                stop();
              });
            },
          );
          return;
        }
        const r = route(served, {
          method,
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks),
        });
        res.writeHead(r.code, { ...(r.contentType ? { 'content-type': r.contentType } : {}), ...(r.headers ?? {}) });
        if (r.follow) {
          followText(res, String(r.body), r.follow, watches);
          return;
        }
        res.end(r.body);
      } catch (e) {
        const status = errorStatus(e);
        if (!res.headersSent) res.writeHead(status.code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status));
      }
    });
  });
  // kubectl exec and attach: a websocket upgrade (exec.ts)
  server.on('upgrade', (req, socket, head) => {
    try {
      tick();
      serveUpgrade(served, req, socket, head, watches);
    } catch (e) {
      socket.destroy(e instanceof Error ? e : undefined);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const ticker =
    speed > 0
      ? setInterval(() => {
          // a failure while time runs (a settle that cannot end) is reported, and the clock stops: requests still answer
          try {
            tick();
          } catch (e) {
            stopped = e instanceof Error ? e.message : String(e);
            clearInterval(ticker);
            process.stderr.write(`error: the cluster's clock stopped: ${stopped}\n`);
          }
        }, opts.tickMs ?? 100)
      : undefined;
  ticker?.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    tick,
    close: () =>
      new Promise<void>((resolve) => {
        if (ticker) clearInterval(ticker);
        history.stop();
        for (const stop of watches) stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A text stream that goes on (logs -f): `next` is polled every FOLLOW_MS until it says the stream ended or the client goes. */
function followText(res: ServerResponse, first: string, next: () => string | undefined, open: Set<() => void>): void {
  res.write(first);
  const stop = () => {
    clearInterval(timer);
    open.delete(stop);
    if (!res.writableEnded) res.end();
  };
  const timer = setInterval(() => {
    const more = next();
    if (more === undefined) stop();
    else if (more) res.write(more);
  }, FOLLOW_MS);
  open.add(stop);
  res.on('close', stop);
}

const FOLLOW_MS = 200;
