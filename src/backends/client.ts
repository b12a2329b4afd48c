// The HTTP client of the kubeconfig backend (steps on a real cluster): JSON requests to the
// Kubernetes API of the kubeconfig's current context, authenticated as kubectl would be —
// @kubernetes/client-node's KubeConfig reads KUBECONFIG (or ~/.kube/config), the context,
// certificates, tokens and exec plugins, and applyToHTTPSOptions puts them on the request. Bodies
// are plain JSON (no typed models: the steps read objects as the simulator's store holds them).
// Paths follow the REST layout of k8s.io/apiserver (staging/src/k8s.io/apiserver/pkg/endpoints/installer.go).

// biome-ignore lint/style/noRestrictedImports: the kubeconfig backend talks to the cluster the user chose (world parameter cluster: kubeconfig)
import http from 'node:http';
// biome-ignore lint/style/noRestrictedImports: the same, over TLS
import https from 'node:https';
import type { KubeObject } from '../api/types.ts';
import { apiVersionOf, kindInfo } from '../api/kinds.ts';
import { UserError } from '../util/errors.ts';

/** `/api/v1/namespaces/ns/pods/name`, `/api/v1/nodes`, `/apis/apps/v1/deployments`, with an optional query (the modelled kinds, src/api/kinds.ts). */
export function resourcePath(kind: string, namespace?: string, name?: string, query?: Record<string, string>): string {
  const r = kindInfo(kind);
  if (!r) throw new Error(`kubeconfig backend: no API path known for kind ${kind}`);
  const ns = r.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const tail = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  const q = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
  return `/${r.group ? 'apis' : 'api'}/${apiVersionOf(r)}${ns}/${r.plural}${tail}${q}`;
}

/** The content type of a JSON merge patch (RFC 7386). */
export const MERGE_PATCH = 'application/merge-patch+json';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the client needs of @kubernetes/client-node's KubeConfig. */
export interface KubeConfigLike {
  getCurrentContext(): string;
  getCurrentCluster(): { server: string } | null;
  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void>;
}

export interface ApiClientOptions {
  /** Per-request timeout (ms). */
  timeoutMs?: number;
}

export class ApiClient {
  private readonly server: URL;

  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: ApiClientOptions = {},
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server)
      throw new UserError(
        `the kubeconfig's context "${kc.getCurrentContext()}" names no cluster with a server: check KUBECONFIG and the world parameter "context"`,
      );
    this.server = new URL(cluster.server);
  }

  get serverUrl(): string {
    return this.server.toString();
  }

  /** A JSON request; answers the parsed body, or throws ApiRequestError with kube-apiserver's Status message. */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const opts: https.RequestOptions = {
      method,
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
    };
    await this.kc.applyToHTTPSOptions(opts);
    const secure = this.server.protocol === 'https:';
    const base = this.server.pathname.replace(/\/$/, '');
    const { agent, ...rest } = opts;
    const options: https.RequestOptions = {
      ...rest,
      ...(secure ? { agent } : {}),
      hostname: this.server.hostname,
      port: this.server.port || (secure ? 443 : 80),
      path: `${base}${path}`,
      timeout: this.opts.timeoutMs ?? 30_000,
    };
    const text = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = (secure ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () =>
        req.destroy(new Error(`no answer from ${this.server.origin} within ${options.timeout} ms`)),
      );
      req.on('error', reject);
      if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
      req.end();
    });
    let parsed: unknown;
    try {
      parsed = text.text === '' ? undefined : JSON.parse(text.text);
    } catch {
      parsed = undefined;
    }
    if (text.status < 200 || text.status >= 300) {
      const message =
        (parsed as { message?: string } | undefined)?.message ?? (text.text.trim() || `HTTP ${text.status}`);
      throw new ApiRequestError(text.status, `${method} ${path}: ${message}`);
    }
    return parsed as T;
  }

  /**
   * A watch from `resourceVersion` (`?watch=1`, k8s.io/apiserver's handlers/watch.go): each event
   * to `onEvent`, in order. When the server ends the stream (its request timeout) the watch
   * resumes from the last resourceVersion seen; an ERROR event (410 Expired: the history is gone)
   * or a failed request ends it with `onLost`. Returns the function that stops it.
   */
  watch(
    path: string,
    resourceVersion: string,
    onEvent: (e: { type: string; object?: KubeObject }) => void,
    onLost: (why: string) => void,
  ): () => void {
    let stopped = false;
    let current: http.ClientRequest | undefined;
    let rv = resourceVersion;
    const connect = async () => {
      const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
      await this.kc.applyToHTTPSOptions(opts);
      if (stopped) return;
      const secure = this.server.protocol === 'https:';
      const { agent, ...rest } = opts;
      const q = new URLSearchParams({ watch: '1', resourceVersion: rv, allowWatchBookmarks: 'true' });
      const req = (secure ? https : http).request(
        {
          ...rest,
          ...(secure ? { agent } : {}),
          hostname: this.server.hostname,
          port: this.server.port || (secure ? 443 : 80),
          path: `${this.server.pathname.replace(/\/$/, '')}${path}?${q}`,
        },
        (res) => {
          if ((res.statusCode ?? 0) >= 300) {
            res.resume();
            if (!stopped) onLost(`watch ${path}: HTTP ${res.statusCode}`);
            return;
          }
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffered += chunk;
            for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
              const line = buffered.slice(0, nl).trim();
              buffered = buffered.slice(nl + 1);
              if (!line || stopped) continue;
              const e = JSON.parse(line) as { type: string; object?: KubeObject };
              if (e.type === 'ERROR') {
                stopped = true;
                onLost(`watch ${path}: ${(e.object as { message?: string } | undefined)?.message ?? 'ERROR event'}`);
                req.destroy();
                return;
              }
              rv = e.object?.metadata?.resourceVersion ?? rv;
              onEvent(e);
            }
          });
          res.on('end', () => {
            if (!stopped) void connect().catch((err: Error) => onLost(`watch ${path}: ${err.message}`));
          });
        },
      );
      req.on('error', (err) => {
        if (!stopped) onLost(`watch ${path}: ${err.message}`);
      });
      req.end();
      current = req;
    };
    void connect().catch((err: Error) => onLost(`watch ${path}: ${err.message}`));
    return () => {
      stopped = true;
      current?.destroy();
    };
  }

  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): Promise<T | undefined> {
    return this.request<T>('GET', resourcePath(kind, namespace, name)).catch((e) => {
      if (e instanceof ApiRequestError && e.status === 404) return undefined;
      throw e;
    });
  }

  async list<T extends KubeObject>(kind: string, namespace?: string, query?: Record<string, string>): Promise<T[]> {
    const list = await this.request<{ items?: T[] }>('GET', resourcePath(kind, namespace, undefined, query));
    // Items of a list carry neither kind nor apiVersion (the list does): put them back.
    const apiVersion = apiVersionOf(kindInfo(kind)!);
    return (list.items ?? []).map((o) => ({ ...o, kind, apiVersion }));
  }

  create<T extends KubeObject>(obj: T): Promise<T> {
    return this.request<T>('POST', resourcePath(obj.kind, obj.metadata.namespace), obj);
  }

  /** A JSON merge patch (RFC 7386). */
  mergePatch(kind: string, namespace: string | undefined, name: string, patch: unknown): Promise<unknown> {
    return this.request('PATCH', resourcePath(kind, namespace, name), patch, MERGE_PATCH);
  }

  /** Deletes one object (name given) or every object of the kind in the namespace (deletecollection); a 404 is no error. */
  delete(kind: string, namespace: string | undefined, name?: string, query?: Record<string, string>): Promise<unknown> {
    return this.request('DELETE', resourcePath(kind, namespace, name, query)).catch((e) => {
      if (e instanceof ApiRequestError && e.status === 404) return undefined;
      throw e;
    });
  }
}
