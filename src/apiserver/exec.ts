// pods/exec and pods/attach over a websocket, as kubectl 1.33 runs `kubectl exec` and `kubectl attach` (client-go
// tools/remotecommand/websocket.go; the protocol: staging/src/k8s.io/apimachinery/pkg/util/
// httpstream/wsstream/conn.go): GET …/pods/NAME/exec?command=…&container=…&stdout=true&stderr=true
// with `Upgrade: websocket` and the subprotocols v5.channel.k8s.io, v4.channel.k8s.io. Every binary
// message starts with its stream: 1 stdout, 2 stderr, 3 the error stream, which carries the
// metav1.Status of the command (Success, or Failure with reason NonZeroExitCode and the exit code
// as the cause ExitCode: pkg/kubelet/cri/streaming/remotecommand/websocket.go, httpstream.go).
// The command runs as in the simulator's kubectl (src/kubectl/exec.ts runInContainer). With
// `stdin=true` the client writes stream 0, and (v5) ends it with the close signal [255, 0]; a shell
// (`sh`, `bash`) then reads its command lines from there (src/kubectl/execshell.ts). With `tty=true`
// (`kubectl exec -it` on a terminal: kubectl asks for no stderr, sends its terminal's size on
// stream 4 and its raw keystrokes on 0) the command's output is a terminal's: stderr merged into
// stdout, `\r\n` line ends, and a shell echoes, prompts and edits the line as on a pty.
// Before the upgrade, kube-apiserver's checks (pkg/registry/core/pod/strategy.go streamLocation)
// answer with a Status (kubectl: `Error from server (BadRequest): container x is not valid for pod
// p`), and the kubelet's with plain text (`unable to upgrade connection: container not found
// ("app")`); kubectl then tries SPDY, which gets the same answer. attach streams what the running
// container writes from then on (its log lines, on stdout) until it exits (then Success) or the
// client goes. port-forward's tunnel is portforward.ts's.

// biome-ignore lint/style/noRestrictedImports: serve's API server (types only)
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Pod } from '../api/types.ts';
import { StringDecoder } from 'node:string_decoder';
import { runInContainer } from '../kubectl/execrun.ts';
import { isShell, type ShellOutput, ShellSession } from '../kubectl/execshell.ts';
import { hasContainer } from '../kubectl/podcmd.ts';
import { ApiError, badRequest, notFound } from '../store/errors.ts';
import { NotSupportedError } from '../util/errors.ts';
import { PORT_FORWARD_PROTOCOL, servePortForward } from './portforward.ts';
import type { Served } from './resources.ts';
import { parseResourcePath } from './router.ts';
import { errorStatus, failure, type Status } from './status.ts';

/** The subprotocols of the exec stream serve speaks, most preferred first. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;
const SUCCESS = { metadata: {}, status: 'Success' } as const;
const ATTACH_POLL_MS = 200;
const CLOSE_GRACE_MS = 2000;
/**
 * How long a command takes to start before its first output goes out, as a container runtime's
 * exec does. Not only realism: kubectl 1.33's client (client-go tools/remotecommand/websocket.go)
 * reads the connection while it is still creating its streams and discards a message for a stream
 * it has not created yet ("Unknown stream id 1, discarding message"), so output sent the instant
 * the connection opens is lost on a busy machine. (Later client-go waits for its streams first.)
 */
const EXEC_START_MS = 100;

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => pickProtocol(offered, [...EXEC_PROTOCOLS, PORT_FORWARD_PROTOCOL]) ?? false,
});

/** The upgrade requests of port-forward tunnels, whose handshake answer names the subprotocol (see serveUpgrade). */
const tunnelled = new WeakSet<IncomingMessage>();
wss.on('headers', (headers, req) => {
  if (tunnelled.has(req)) headers.push(`Sec-WebSocket-Protocol: ${PORT_FORWARD_PROTOCOL}`);
});

function pickProtocol(offered: Iterable<string>, spoken: string[]): string | undefined {
  const set = new Set(offered);
  return spoken.find((p) => set.has(p));
}

/** An upgrade request (`Connection: Upgrade`): pods/exec over a websocket; anything else is answered with an error. */
export function serveUpgrade(
  s: Served,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  open: Set<() => void>,
): void {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parsed = parseResourcePath(url.pathname);
    const sub = parsed?.subresource;
    if (parsed?.info.kind !== 'Pod' || !parsed.name || !parsed.namespace || !sub)
      throw new ApiError('NotFound', 'the server could not find the requested resource', 404);
    if (sub !== 'exec' && sub !== 'attach' && sub !== 'portforward')
      throw new ApiError('NotFound', 'the server could not find the requested resource', 404);
    const pod = s.cluster.store.get<Pod>('Pod', parsed.namespace, parsed.name);
    if (!pod) throw notFound('Pod', parsed.name);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const websocket = String(req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (sub === 'portforward') {
      if (!pod.spec.nodeName) throw badRequest(`pod ${parsed.name} does not have a host assigned`);
      if (!websocket || !pickProtocol(offered, [PORT_FORWARD_PROTOCOL]))
        throw new NotSupportedError(
          `pods/portforward over ${req.headers.upgrade ?? 'no upgrade'} ${offered.filter(Boolean).join(', ')} (serve speaks ${PORT_FORWARD_PROTOCOL}, which kubectl 1.33 uses)`,
        );
      // ws refuses the subprotocol token (it holds a `/`): the handshake is made without it, and it is answered by hand
      delete req.headers['sec-websocket-protocol'];
      tunnelled.add(req);
      wss.handleUpgrade(req, socket, head, (ws) => servePortForward(s, ws, pod));
      return;
    }
    const container = containerOf(pod, url.searchParams.get('container') ?? '');
    if (!pod.spec.nodeName) throw badRequest(`pod ${parsed.name} does not have a host assigned`);
    const inst = s.cluster.kubelets.instancesOf(pod, container).at(-1);
    if (!inst || inst.finishedAt !== undefined) {
      // the kubelet's answer, which kube-apiserver passes on
      reject(socket, 404, 'text/plain; charset=utf-8', `container not found ("${container}")\n`);
      return;
    }
    if (!websocket || !pickProtocol(offered, EXEC_PROTOCOLS))
      throw new NotSupportedError(
        `pods/exec over ${req.headers.upgrade ?? 'no upgrade'} ${offered.filter(Boolean).join(', ')} (serve speaks the websocket protocols ${EXEC_PROTOCOLS.join(', ')}, which kubectl 1.33 uses)`,
      );
    const argv = url.searchParams.getAll('command');
    const wants = (stream: string) => url.searchParams.get(stream) === 'true' || url.searchParams.get(stream) === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Output (and the close after it) is held back until the command has started; what the
      // client sends is read at once.
      let held: (() => void)[] | undefined = sub === 'attach' ? undefined : [];
      if (held)
        setTimeout(() => {
          const queued = held ?? [];
          held = undefined;
          for (const f of queued) f();
        }, EXEC_START_MS);
      const later = (f: () => void) => (held ? held.push(f) : f());
      const send = (stream: number, data: string) => {
        if (data)
          later(() => {
            if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([stream]), Buffer.from(data, 'utf8')]));
          });
      };
      const close = () => later(() => ws.close(1000));
      if (sub === 'attach') {
        if (wants('tty')) {
          send(ERROR, JSON.stringify(errorStatus(new NotSupportedError('kubectl attach -t (a terminal session)'))));
          ws.close(1000);
          return;
        }
        // what this container instance writes from now on, polled as virtual time passes (the server's
        // ticker moves it); a restart starts another instance, so its lines are read from the instance itself
        const ns = parsed.namespace!;
        let sent = inst.logs.length;
        const timer = setInterval(() => {
          const now = s.cluster.store.get<Pod>('Pod', ns, pod.metadata.name!);
          const fresh = inst.logs.slice(sent);
          sent += fresh.length;
          if (wants('stdout')) send(STDOUT, fresh.map((l) => `${l.line}\n`).join(''));
          if (now?.metadata.uid !== pod.metadata.uid || inst.finishedAt !== undefined) {
            send(ERROR, JSON.stringify(SUCCESS));
            stop();
          }
        }, ATTACH_POLL_MS);
        const stop = () => {
          clearInterval(timer);
          open.delete(stop);
          if (ws.readyState === ws.OPEN) ws.close(1000);
        };
        open.add(stop);
        ws.on('close', stop);
        return;
      }
      // The client may still be writing when the command ends: closing then fails its writes
      // (kubectl: "websocket: close sent"). A client piping stdin writes until its stdin ends (the
      // close signal); a terminal session's client sends its terminal's size first (stream 4,
      // remotecommand's MonitorSize), from a goroutine of its own. The connection is closed once
      // what the client has to write has come (kubectl waits for that close), or after a grace period.
      let closing: NodeJS.Timeout | undefined;
      let stdinEnded = false;
      let sized = false;
      const pending = () => (wants('stdin') && !wants('tty') && !stdinEnded) || (wants('tty') && !sized);
      const finish = (status: Status | typeof SUCCESS) => {
        if (ws.readyState !== ws.OPEN || closing) return;
        send(ERROR, JSON.stringify(status));
        if (!pending()) {
          close();
          return;
        }
        closing = setTimeout(close, CLOSE_GRACE_MS);
        ws.on('close', () => clearTimeout(closing));
      };
      ws.on('message', (data: Buffer) => {
        if (data[0] === CLOSE && data[1] === STDIN) stdinEnded = true;
        else if (data[0] === RESIZE) sized = true;
        else return;
        if (closing && !pending()) close();
      });
      const tty = wants('tty');
      if (wants('stdin') && isShell(argv)) {
        // a shell reading stdin (a terminal session with -t): it runs as the input arrives
        let shell: ShellSession;
        try {
          shell = new ShellSession(s.cluster, pod, container, argv, tty);
        } catch (e) {
          finish(errorStatus(e));
          return;
        }
        const emit = (r: ShellOutput) => {
          if (wants('stdout')) send(STDOUT, r.out);
          if (wants('stderr')) send(STDERR, r.err);
          if (r.error) finish(errorStatus(r.error));
          else if (r.exit !== undefined) finish(r.exit === 0 ? SUCCESS : exitStatus(argv, r.exit));
        };
        emit({ out: shell.start(), err: '' });
        const text = new StringDecoder('utf8');
        ws.on('message', (data: Buffer) => {
          if (closing) return;
          if (data[0] === STDIN) emit(shell.input(text.write(data.subarray(1))));
          // v5.channel.k8s.io's close signal: 255, then the stream closed (stdin: end of input)
          else if (data[0] === CLOSE && data[1] === STDIN) emit(shell.end());
          // RESIZE: nothing the modelled shells print depends on the terminal's size
        });
        return;
      }
      let status: Status | typeof SUCCESS;
      try {
        const out = runInContainer(s.cluster, pod, container, argv, { tty });
        if (tty) {
          // one terminal: stderr is stdout, line ends are \r\n (the pty's onlcr)
          if (wants('stdout')) send(STDOUT, (out.stdout + (out.stderr ?? '')).replace(/\n/g, '\r\n'));
        } else {
          if (wants('stdout')) send(STDOUT, out.stdout);
          if (wants('stderr')) send(STDERR, out.stderr ?? '');
        }
        status = out.code === 0 ? SUCCESS : exitStatus(argv, out.code);
      } catch (e) {
        status = errorStatus(e);
      }
      finish(status);
    });
  } catch (e) {
    const status = errorStatus(e);
    reject(socket, status.code, 'application/json', `${JSON.stringify(status)}\n`);
  }
}

/** The container of an exec: the one named, or the only one (kube-apiserver's streamLocation). */
function containerOf(pod: Pod, named: string): string {
  const name = pod.metadata.name!;
  if (named) {
    if (!hasContainer(pod, named)) throw badRequest(`container ${named} is not valid for pod ${name}`);
    return named;
  }
  if (pod.spec.containers.length === 1) return pod.spec.containers[0].name;
  throw badRequest(
    `a container name must be specified for pod ${name}, choose one of: [${pod.spec.containers.map((c) => c.name).join(' ')}]`,
  );
}

/** The kubelet's Status of a command that exited non-zero (remotecommand's NonZeroExitCode with the ExitCode cause). */
function exitStatus(argv: string[], code: number): Status {
  const status = failure(
    500,
    'NonZeroExitCode' as never,
    `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
  );
  status.details = { causes: [{ reason: 'ExitCode', message: String(code), field: '' }] };
  return status;
}

function reject(socket: Duplex, code: number, type: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
