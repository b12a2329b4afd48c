// pods/portforward as kubectl 1.33 runs `kubectl port-forward`: a websocket with the subprotocol
// `SPDY/3.1+portforward.k8s.io` whose binary messages carry a SPDY/3.1 connection
// (staging/src/k8s.io/client-go/tools/portforward/tunneling_connection.go; the server side:
// staging/src/k8s.io/apiserver/pkg/util/proxy/streamtunnel.go). For each local connection kubectl
// opens two streams (SYN_STREAM with the headers streamtype=error|data, port, requestid:
// pkg/kubelet/cri/streaming/portforward/httpstream.go); the server answers SYN_REPLY, sends what the
// pod's port answers on the data stream, and writes to the error stream what went wrong (a port
// nothing listens on), then ends both (FIN). SPDY/3.1 frames (draft-mbelshe-httpbis-spdy-00):
// control frames SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING (echoed), GOAWAY,
// WINDOW_UPDATE; header blocks zlib-compressed with the SPDY/3 dictionary, one compression context
// per direction. What the pod answers comes from the network model (src/network): an HTTP request
// to a port a container listens on gets the image's default page (the body `curl` prints); a port
// nothing listens on is containerd's refusal, and a server whose protocol is not modelled (redis,
// etcd, …), another request, or bytes that are not HTTP end the connection with "not supported
// yet" on its error stream (kubectl prints it as `an error occurred forwarding L -> R: …`).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflate, createInflate, constants as zc, type Deflate, type Inflate } from 'node:zlib';
import type { WebSocket } from 'ws';
import type { Pod } from '../api/types.ts';
import { connect } from '../network/network.ts';
import { defaultPage } from '../network/curl.ts';
import { NotSupportedError } from '../util/errors.ts';
import { PROJECT_DIR } from '../util/paths.ts';
import type { Served } from './resources.ts';

/** The zlib dictionary of SPDY/3 header blocks (SPDY Protocol draft 3, 2.6.10.1 Compression): data/spdy/dictionary-v3.bin. */
let dictionary: Buffer | undefined;
const DICTIONARY = () => {
  dictionary ??= readFileSync(join(PROJECT_DIR, 'data', 'spdy', 'dictionary-v3.bin'));
  return dictionary;
};

export const PORT_FORWARD_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

const SYN_STREAM = 1,
  SYN_REPLY = 2,
  RST_STREAM = 3,
  PING = 6,
  GOAWAY = 7;
const FLAG_FIN = 1;

interface Stream {
  id: number;
  type: string;
  port: number;
  requestId: string;
  received: Buffer[];
  finished: boolean;
  /** The image of the container listening on the port (a data stream whose connection is made). */
  server?: string;
}

/**
 * What the kubelet's port forwarder gets when it connects to localhost:`port` inside the pod's
 * network namespace: the listening container's image, or the error it writes on the error stream —
 * containerd's (internal/cri/server/sandbox_portforward_linux.go, wrapped by the kubelet's
 * streaming server: pkg/kubelet/cri/streaming/portforward/httpstream.go "error forwarding port %d
 * to pod %s, uid %v: %v", the pod being the sandbox ID and the uid empty) for a port nothing listens
 * on; "not supported yet" for a server whose protocol the simulator does not model (only HTTP
 * servers' default pages are: src/network/curl.ts).
 */
function dial(s: Served, pod: Pod, port: number): { image: string } | { error: string } {
  const d = connect(s.cluster, { pod }, '127.0.0.1', port);
  if (d.kind !== 'pod') {
    const sandbox = s.cluster.kubelets.runtimeFor(pod)?.sandbox?.id ?? '';
    return {
      error: `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "${netnsOf(sandbox)}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `,
    };
  }
  const image = d.container?.image ?? '';
  try {
    defaultPage(image);
  } catch (e) {
    if (e instanceof NotSupportedError)
      return {
        error: `not supported yet: what ${image} answers on port ${port} (the simulator models HTTP servers' default pages only)`,
      };
    throw e;
  }
  return { image };
}

/** The CNI network namespace of a sandbox (`/var/run/netns/cni-<uuid>`: a uuid derived from the sandbox ID, as the kubelet's are random). */
function netnsOf(sandbox: string): string {
  const h = createHash('sha256').update(`netns:${sandbox}`).digest('hex');
  return `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The HTTP server's answer to what the client sent so far: undefined until the request head is
 * complete (curl waits for the answer before it ends its side), the default page for `GET /` or
 * `GET /index.html` (HEAD: the head alone), and "not supported yet" for other requests and for
 * bytes that are not HTTP.
 */
export function httpAnswer(
  image: string,
  port: number,
  sent: string,
  fin: boolean,
): { bytes: Buffer } | { error: string } | undefined {
  const eol = sent.indexOf('\r\n');
  const line = eol < 0 ? sent : sent.slice(0, eol);
  // a request line still arriving: wait while it can still become one
  if (eol < 0 && !fin && /^[A-Z]*(?: \S*(?: [HTP/.01]*)?)?$/.test(line)) return undefined;
  if (!/^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line))
    return { error: `not supported yet: data that is not an HTTP/1.x request to ${image} on port ${port}` };
  const [method, path] = line.split(' ');
  if ((method !== 'GET' && method !== 'HEAD') || (path !== '/' && path !== '/index.html'))
    return { error: `not supported yet: ${method} ${path} to ${image} on port ${port} (only GET / is modelled)` };
  if (!sent.includes('\r\n\r\n') && !fin) return undefined;
  const body = Buffer.from(defaultPage(image));
  const head = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return { bytes: Buffer.concat([Buffer.from(head), method === 'HEAD' ? Buffer.alloc(0) : body]) };
}

/** A zlib stream used for one direction of a SPDY connection: each block is flushed with Z_SYNC_FLUSH. */
function blocks(z: Inflate | Deflate): (input: Buffer) => Promise<Buffer> {
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  let chain: Promise<Buffer> = Promise.resolve(Buffer.alloc(0));
  return (input) => {
    chain = chain.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          z.write(input, (err) => {
            if (err) return reject(err);
            z.flush(zc.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out.splice(0))));
          });
        }),
    );
    return chain;
  };
}

function encodeHeaders(h: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const n = Buffer.alloc(4);
  n.writeUInt32BE(Object.keys(h).length);
  parts.push(n);
  for (const [k, v] of Object.entries(h))
    for (const s of [k, v]) {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(Buffer.byteLength(s));
      parts.push(len, Buffer.from(s));
    }
  return Buffer.concat(parts);
}

function decodeHeaders(b: Buffer): Record<string, string> {
  const h: Record<string, string> = {};
  let o = 4;
  for (let i = 0, n = b.readUInt32BE(0); i < n; i++) {
    const kl = b.readUInt32BE(o);
    const k = b.subarray(o + 4, o + 4 + kl).toString();
    o += 4 + kl;
    const vl = b.readUInt32BE(o);
    h[k] = b.subarray(o + 4, o + 4 + vl).toString();
    o += 4 + vl;
  }
  return h;
}

function control(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | 3, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags & 0xff) << 24) | payload.length, 4);
  return Buffer.concat([head, payload]);
}

function data(id: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(id & 0x7fffffff, 0);
  head.writeUInt32BE(((flags & 0xff) << 24) | payload.length, 4);
  return Buffer.concat([head, payload]);
}

/** Serves one tunnelled SPDY connection of `kubectl port-forward` to `pod`. */
export function servePortForward(s: Served, ws: WebSocket, pod: Pod): void {
  const inflate = blocks(createInflate({ dictionary: DICTIONARY() }));
  const deflate = blocks(createDeflate({ dictionary: DICTIONARY() }));
  const streams = new Map<number, Stream>();
  let buf: Buffer = Buffer.alloc(0);
  let work = Promise.resolve();
  const send = (b: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(b);
  };
  const reply = async (st: Stream) => {
    const block = await deflate(encodeHeaders({}));
    const id = Buffer.alloc(4);
    id.writeUInt32BE(st.id);
    send(control(SYN_REPLY, 0, Buffer.concat([id, block])));
  };
  /** The pair of a request: its error and data streams. */
  const pair = (st: Stream) => [...streams.values()].filter((x) => x.requestId === st.requestId && x.port === st.port);
  /** Ends a forwarded connection: what went wrong (if anything) on its error stream, then FIN on both. */
  const close = (st: Stream, error?: string) => {
    st.finished = true;
    const [errorStream] = pair(st).filter((x) => x.type === 'error');
    if (errorStream && error) send(data(errorStream.id, 0, Buffer.from(error)));
    send(data(st.id, FLAG_FIN, Buffer.alloc(0)));
    if (errorStream) send(data(errorStream.id, FLAG_FIN, Buffer.alloc(0)));
  };
  /** A new data stream: the kubelet's forwarder connects to the port at once (a refusal, or a server the simulator cannot speak for, ends it). */
  const opened = (st: Stream) => {
    const server = dial(s, pod, st.port);
    if ('error' in server) close(st, server.error);
    else st.server = server.image;
  };
  /** Data from the client: an HTTP server answers a complete request head. */
  const received = (st: Stream, fin: boolean) => {
    const head = Buffer.concat(st.received).toString('latin1');
    const answer = httpAnswer(st.server!, st.port, head, fin);
    if (answer === undefined) return;
    if ('error' in answer) close(st, answer.error);
    else {
      send(data(st.id, 0, answer.bytes));
      close(st);
    }
  };
  const frame = async (f: Buffer) => {
    if (f[0] & 0x80) {
      const type = f.readUInt16BE(2);
      const payload = f.subarray(8);
      if (type === SYN_STREAM) {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        const h = decodeHeaders(await inflate(payload.subarray(10)));
        const st: Stream = {
          id,
          type: h.streamtype ?? '',
          port: Number(h.port),
          requestId: h.requestid ?? '',
          received: [],
          finished: false,
        };
        streams.set(id, st);
        await reply(st);
        if (st.type === 'data') opened(st);
      } else if (type === PING) send(f);
      else if (type === RST_STREAM) streams.delete(payload.readUInt32BE(0) & 0x7fffffff);
      else if (type === GOAWAY) ws.close(1000);
      return;
    }
    const id = f.readUInt32BE(0) & 0x7fffffff;
    const st = streams.get(id);
    if (!st) return;
    st.received.push(f.subarray(8));
    if (st.type === 'data' && !st.finished) received(st, (f[4] & FLAG_FIN) !== 0);
  };
  ws.on('message', (m: Buffer) => {
    buf = Buffer.concat([buf, m]);
    for (;;) {
      if (buf.length < 8) return;
      const len = buf.readUInt32BE(4) & 0xffffff;
      if (buf.length < 8 + len) return;
      const f = buf.subarray(0, 8 + len);
      buf = buf.subarray(8 + len);
      work = work.then(() => frame(f)).catch(() => ws.close(1011));
    }
  });
}
