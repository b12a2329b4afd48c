// `curl [-s] [-S] [http://]HOST[:PORT][/]` run on a node or inside a pod, answered from the network
// model (network.ts): nginx and httpd answer with their real default page; a port nothing listens
// on is refused. Error texts depend on the curl that runs: the lab's CentOS 7 nodes (and centos:7
// containers) have curl 7.29 (`curl: (7) Failed connect to 172.16.1.2:8080; Connection refused`),
// Ubuntu 22.04 has 7.81 (`Failed to connect to … port 8080 after 0 ms: Connection refused`), and
// current curl (8.x; Debian bookworm images such as nginx ship 7.88) says
// `Failed to connect to … port 8080 after 0 ms: Couldn't connect to server`.

import type { Node } from '../api/types.ts';
import { lookup } from '../services/dns.ts';
import { splitImage } from '../api/imageref.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { connect, type NetworkHost, type Origin, resolveHost } from './network.ts';

export interface CurlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

type CurlFlavour = '7.29' | '7.81' | 'current';

/** nginx's default page; before 1.19 (e.g. the notes' nginx:1.14) it had no dark-mode style line. */
function nginxPage(tag: string): string {
  const old = /^1\.(1[0-8]|[0-9])(\.|$|-)/.test(tag);
  const style = old
    ? '<style>\n    body {\n        width: 35em;\n        margin: 0 auto;\n        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>\n'
    : '<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n';
  return (
    '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n' +
    style +
    '</head>\n<body>\n<h1>Welcome to nginx!</h1>\n' +
    '<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n' +
    '<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\n' +
    'Commercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n' +
    '<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n'
  );
}

const HTTPD_PAGE = '<html><body><h1>It works!</h1></body></html>\n';

/** The page a server image answers `GET /` with. */
export function defaultPage(image: string): string {
  const { repo, tag } = splitImage(image);
  if (repo === 'nginx') return nginxPage(tag);
  if (repo === 'httpd') return HTTPD_PAGE;
  throw new NotSupportedError(`what ${image} answers to an HTTP request`);
}

function flavourOf(cluster: NetworkHost, from: Origin): CurlFlavour {
  if ('pod' in from) {
    const image = from.pod.spec.containers[0].image ?? '';
    const f = imageCurl(image);
    if (!f) throw new NotSupportedError(`curl inside ${image}, which does not ship curl`);
    return f;
  }
  const os = cluster.store.get<Node>('Node', undefined, from.node)?.status?.nodeInfo?.osImage ?? '';
  if (os.startsWith('CentOS Linux 7')) return '7.29';
  if (os.startsWith('Ubuntu 22.04')) return '7.81';
  return 'current';
}

/** The curl flavour a container image ships (for `kubectl exec POD -- curl …`), or undefined when it has no curl. */
export function imageCurl(image: string): CurlFlavour | undefined {
  const { repo, tag } = splitImage(image);
  if (repo === 'centos' && (tag === '7' || tag.startsWith('7.') || tag === 'latest' || tag === 'centos7'))
    return '7.29';
  if (repo === 'nginx') return 'current';
  return undefined;
}

function refused(flavour: CurlFlavour, host: string, port: number): string {
  switch (flavour) {
    case '7.29':
      return `curl: (7) Failed connect to ${host}:${port}; Connection refused`;
    case '7.81':
      return `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Connection refused`;
    default:
      return `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`;
  }
}

function unresolved(flavour: CurlFlavour, host: string): string {
  return flavour === '7.29'
    ? `curl: (6) Could not resolve host: ${host}; Name or service not known`
    : `curl: (6) Could not resolve host: ${host}`;
}

/** Runs a curl command line (words after `curl`). `flavour` overrides the node's curl (exec in a pod). */
export function runCurl(
  cluster: NetworkHost,
  from: Origin,
  args: string[],
  flavour: CurlFlavour = flavourOf(cluster, from),
): CurlResult {
  let silent = false,
    showError = false;
  const urls: string[] = [];
  for (const a of args) {
    if (a === '-s' || a === '--silent') silent = true;
    else if (a === '-S' || a === '--show-error') showError = true;
    else if (a === '-sS' || a === '-Ss') {
      silent = true;
      showError = true;
    } else if (a.startsWith('-')) throw new NotSupportedError(`curl option ${a}`);
    else urls.push(a);
  }
  if (urls.length !== 1) throw new NotSupportedError('curl with other than exactly one URL');
  const m = /^(?:http:\/\/)?([^/:\s]+)(?::(\d+))?(\/.*)?$/.exec(urls[0]);
  if (!m) throw new NotSupportedError(`curl URL ${urls[0]} (only http://host[:port][/])`);
  const [, host, portText, path] = m;
  if (path && path !== '/' && path !== '/index.html')
    throw new NotSupportedError(`curl of the path ${path} (only the default page is modelled)`);
  const port = portText ? Number(portText) : 80;
  const quiet = silent && !showError;
  const fail = (code: number, msg: string): CurlResult => ({
    stdout: '',
    stderr: quiet ? '' : `${msg}\n`,
    exitCode: code,
  });

  const ip = resolveHost(cluster, from, host, (n, ns) => lookup(cluster.store, n, ns));
  if (!ip) return fail(6, unresolved(flavour, host));
  const d = connect(cluster, from, ip, port);
  if (d.kind === 'refused') return fail(7, refused(flavour, host, port));
  if (d.kind === 'forward-failed') return fail(52, 'curl: (52) Empty reply from server');
  return { stdout: defaultPage(d.container!.image ?? ''), stderr: '', exitCode: 0 };
}

/** Splits `curl …` into its argument words (simple whitespace split; quotes are not needed for curl URLs). */
export function curlArgs(commandLine: string): string[] {
  const words = commandLine.trim().split(/\s+/);
  if (words[0] !== 'curl') throw new UserError(`not a curl command: ${commandLine}`);
  return words.slice(1);
}
