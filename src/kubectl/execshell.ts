// A shell run by `kubectl exec -i POD -- sh|bash` (with `-t`: a terminal session): it reads command
// lines from stdin and runs each as `kubectl exec` would run it (exec.ts runInContainer), plus the
// builtins `exit [N]`, `echo`, `true`, `false`; lines are parsed by the kubelet's shell model
// (src/kubelet/shell.ts: `;`, `&&`, `||`, quoting). What it cannot run ends the session with "not
// supported yet" rather than a guess at what the image would print.
//
// Which shell an image has is modelled for the images whose shells are known: busybox and alpine
// (busybox ash: prompt `/ # ` — PS1 `\w \$ `, FEATURE_EDITING_FANCY_PROMPT), Debian and Ubuntu
// based images (nginx, debian, ubuntu: `sh` is dash, prompt `# `; `bash` with Debian's
// /etc/bash.bashrc PS1 `\u@\h:\w\$ ` → `root@web:/# `, and from bash 5.1 on readline's
// bracketed-paste mode: `ESC[?2004h` before each prompt, `ESC[?2004l\r` after each line; nginx's
// -alpine images are busybox),
// centos 7 (bash 4.2: `sh-4.2# ` as sh, `[root@web /]# ` as bash). Processes run as root.
//
// Without a terminal the shell is not interactive: no prompt, no echo; it runs the lines of stdin
// and exits at its end with the last status. With one (`-t`, serve's TTY mode) the terminal's line
// discipline is modelled as a pty gives it to the shell: input is echoed, Enter (`\r`, or `\n`)
// runs the line, Backspace (DEL or ^H) erases (`\b \b`), ^C drops the line (`^C`), ^D on an
// empty line is end of input; output line ends are `\r\n` (onlcr), and stderr is the terminal too.
// bash prints `exit` when it exits at `exit` or ^D. Other control and escape sequences (arrow
// keys, tab completion, history) are not modelled: they are ignored.

import type { Pod } from '../api/types.ts';
import { splitImage } from '../api/imageref.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { NotUnderstood, parseScript, type ShellNode } from '../kubelet/shell.ts';
import { NotSupportedError } from '../util/errors.ts';
import { podHostname, runInContainer } from './execrun.ts';

interface ShellKind {
  prompt: (cwd: string, host: string) => string;
  bracketedPaste: boolean;
  /** bash writes `exit` when it exits interactively. */
  saysExit: boolean;
}

const ASH: ShellKind = { prompt: (cwd) => `${cwd} # `, bracketedPaste: false, saysExit: false };
const DASH: ShellKind = { prompt: () => '# ', bracketedPaste: false, saysExit: false };
const bashDebian = (bracketedPaste: boolean): ShellKind => ({
  prompt: (cwd, host) => `root@${host}:${cwd}# `,
  bracketedPaste,
  saysExit: true,
});

/**
 * Whether the bash of a Debian or Ubuntu based image is 5.1 or later (readline 8.1 turns
 * bracketed paste on by default): Debian bullseye (5.1) and bookworm (5.2), Ubuntu 22.04 and later;
 * not stretch (4.4), buster (5.0), Ubuntu 20.04 (5.0). nginx images follow Debian: 1.21 onwards
 * are bullseye or bookworm, earlier ones buster or stretch. Undefined when the release is not known.
 */
function bracketedPaste(repo: string, tag: string): boolean | undefined {
  const suffix = /-(bookworm|bullseye|buster|stretch)\b/.exec(tag)?.[1];
  if (suffix) return suffix === 'bookworm' || suffix === 'bullseye';
  if (repo === 'nginx') {
    if (['latest', 'mainline', 'stable', '1', 'perl'].includes(tag)) return true;
    const m = /^1\.(\d+)(?:\.|$|-)/.exec(tag);
    return m ? Number(m[1]) >= 21 : undefined;
  }
  if (repo === 'debian') {
    if (/^(latest|stable|bookworm|bullseye|trixie|1[1-3])(\.|-|$)/.test(tag)) return true;
    if (/^(buster|stretch|10|9)(\.|-|$)/.test(tag)) return false;
    return undefined;
  }
  if (/^(latest|rolling|jammy|noble|2[2-9]\.\d\d)(-|$)/.test(tag)) return true;
  if (/^(focal|bionic|20\.04|18\.04)(-|$)/.test(tag)) return false;
  return undefined;
}
const BASH_42_SH: ShellKind = { prompt: () => 'sh-4.2# ', bracketedPaste: false, saysExit: true };
const BASH_42: ShellKind = {
  prompt: (cwd, host) => `[root@${host} ${cwd === '/' ? '/' : cwd.split('/').pop()}]# `,
  bracketedPaste: false,
  saysExit: true,
};

const SHELLS = new Set(['sh', 'bash', 'ash']);

/** Whether argv starts a shell reading commands from stdin (`sh`, `/bin/bash`, …, without `-c`). */
export function isShell(argv: string[]): boolean {
  return argv.length === 1 && SHELLS.has(argv[0].split('/').pop()!);
}

/** The shell `name` of an image, or NotSupportedError. */
function shellOf(image: string, name: string): ShellKind {
  const { repo, tag } = splitImage(image);
  const none = () =>
    new NotSupportedError(
      `${name} in ${image} (the simulator knows the shells of busybox, alpine, nginx, debian, ubuntu and centos:7)`,
    );
  switch (repo) {
    case 'busybox':
    case 'alpine':
      if (name === 'bash') throw new NotSupportedError(`bash in ${image}, which has no bash`);
      return ASH;
    case 'nginx':
    case 'debian':
    case 'ubuntu': {
      if (tag.includes('alpine')) {
        if (name === 'bash') throw new NotSupportedError(`bash in ${image}, which has no bash`);
        return ASH;
      }
      if (name === 'ash') throw none();
      if (name === 'sh') return DASH;
      const paste = bracketedPaste(repo, tag);
      if (paste === undefined) throw new NotSupportedError(`bash in ${image} (its bash version is not known)`);
      return bashDebian(paste);
    }
    case 'centos':
      if (tag !== '7' && !tag.startsWith('7.') && tag !== 'latest' && tag !== 'centos7') throw none();
      if (name === 'ash') throw none();
      return name === 'bash' ? BASH_42 : BASH_42_SH;
  }
  throw none();
}

export interface ShellOutput {
  /** What the shell wrote (with a terminal: stdout and stderr, as the terminal shows them). */
  out: string;
  /** stderr, without a terminal. */
  err: string;
  /** Set when the shell exited. */
  exit?: number;
  /** What ended the session instead (a line the simulator cannot run): what was written before it stands. */
  error?: Error;
}

export class ShellSession {
  private readonly kind: ShellKind;
  private readonly cwd: string;
  private readonly host: string;
  private line = '';
  private status = 0;
  private done = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly pod: Pod,
    private readonly container: string,
    argv: string[],
    private readonly tty: boolean,
  ) {
    const c = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === container)!;
    this.kind = shellOf(c.image ?? '', argv[0].split('/').pop()!);
    this.cwd = (c.workingDir as string | undefined) || '/';
    this.host = podHostname(pod).split('.')[0];
  }

  /** What the shell writes before reading (the prompt, with a terminal). */
  start(): string {
    return this.tty ? this.prompt() : '';
  }

  private prompt(): string {
    return `${this.kind.bracketedPaste ? '\x1b[?2004h' : ''}${this.kind.prompt(this.cwd, this.host)}`;
  }

  /** Feeds stdin bytes (text); returns what the shell wrote, and its exit when it exited. */
  input(data: string): ShellOutput {
    const r: ShellOutput = { out: '', err: '' };
    try {
      this.feed(data, r);
    } catch (e) {
      this.done = true;
      r.error = e instanceof Error ? e : new Error(String(e));
      return r;
    }
    if (this.done) r.exit = this.status;
    return r;
  }

  private feed(data: string, r: ShellOutput): void {
    for (const ch of data) {
      if (this.done) break;
      if (!this.tty) {
        if (ch === '\n') this.runLine(r);
        else this.line += ch;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        r.out += '\r\n';
        if (this.kind.bracketedPaste) r.out += '\x1b[?2004l\r';
        this.runLine(r);
        if (!this.done) r.out += this.prompt();
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = this.line.slice(0, -1);
          r.out += '\b \b';
        }
      } else if (ch === '\x03') {
        this.line = '';
        r.out += `^C\r\n${this.prompt()}`;
      } else if (ch === '\x04') {
        if (!this.line) this.exitShell(r, this.status, true);
      } else if (ch >= ' ') {
        this.line += ch;
        r.out += ch;
      }
    }
  }

  /** stdin ended (the client closed it): the shell runs what is left and exits with the last status. */
  end(): ShellOutput {
    if (this.done) return { out: '', err: '', exit: this.status };
    const r: ShellOutput = { out: '', err: '' };
    try {
      if (!this.tty && this.line) this.runLine(r);
    } catch (e) {
      this.done = true;
      r.error = e instanceof Error ? e : new Error(String(e));
      return r;
    }
    if (!this.done) this.exitShell(r, this.status, true);
    r.exit = this.status;
    return r;
  }

  private exitShell(r: ShellOutput, code: number, eof: boolean): void {
    if (this.tty && this.kind.saysExit) r.out += eof && this.kind.bracketedPaste ? '\x1b[?2004l\rexit\r\n' : 'exit\r\n';
    this.status = code;
    this.done = true;
  }

  private runLine(r: ShellOutput): void {
    const text = this.line;
    this.line = '';
    if (!text.trim()) return;
    if (/[$`<>*?]|(^|[^|])\|([^|]|$)/.test(text))
      throw new NotSupportedError(`the shell line ${JSON.stringify(text)} (expansions, pipes and redirections)`);
    let node: ShellNode;
    try {
      node = parseScript(text, this.pod.metadata.namespace ?? 'default');
    } catch (e) {
      if (e instanceof NotUnderstood) throw new NotSupportedError(`the shell line ${JSON.stringify(text)}`);
      throw e;
    }
    this.run(node, r);
  }

  /** Runs a parsed line; false when the shell exited. */
  private run(node: ShellNode, r: ShellOutput): boolean {
    switch (node.kind) {
      case 'seq':
        for (const item of node.items) if (!this.run(item, r)) return false;
        return true;
      case 'and':
      case 'or':
        if (!this.run(node.left, r)) return false;
        if ((this.status === 0) === (node.kind === 'and')) return this.run(node.right, r);
        return true;
      case 'loop':
        throw new NotSupportedError('loops in an interactive shell');
      case 'cmd':
        return this.command(node.argv, r);
    }
  }

  private command(argv: string[], r: ShellOutput): boolean {
    const write = (stdout: string, stderr = '') => {
      if (this.tty) r.out += (stdout + stderr).replace(/\n/g, '\r\n');
      else {
        r.out += stdout;
        r.err += stderr;
      }
    };
    const [cmd, ...args] = argv;
    switch (cmd) {
      case 'exit': {
        const code = args.length ? Number.parseInt(args[0], 10) : this.status;
        if (Number.isNaN(code)) throw new NotSupportedError(`exit ${args.join(' ')}`);
        this.exitShell(r, code & 0xff, false);
        return false;
      }
      case 'echo':
        write(`${args.join(' ')}\n`);
        this.status = 0;
        return true;
      case 'true':
      case 'false':
        this.status = cmd === 'true' ? 0 : 1;
        return true;
    }
    const out = runInContainer(this.cluster, this.pod, this.container, argv, { tty: this.tty });
    write(out.stdout, out.stderr ?? '');
    this.status = out.code;
    return true;
  }
}
