import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { ShellSession } from './execshell.ts';

function session(image: string, shell: string, tty: boolean): ShellSession {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { containers: [{ name: 'app', image, command: ['sleep', '100000'] }] } as Pod['spec'],
  });
  c.settle();
  c.advance(60_000);
  const pod = c.store.get<Pod>('Pod', 'default', 'web')!;
  return new ShellSession(c, pod, 'app', [shell], tty);
}

test('a terminal session of busybox sh: prompt `/ # `, echo, \\r\\n line ends, ^D ends it with the last status', () => {
  const s = session('busybox:1.36', 'sh', true);
  assert.equal(s.start(), '/ # ');
  assert.deepEqual(s.input('hostnamx\x7fe\r'), { out: 'hostnamx\b \be\r\nweb\r\n/ # ', err: '' });
  assert.deepEqual(s.input('printenv NOPE\r'), { out: 'printenv NOPE\r\n/ # ', err: '' });
  assert.deepEqual(s.input('ech\x03'), { out: 'ech^C\r\n/ # ', err: '' });
  assert.deepEqual(s.input('\x04'), { out: '', err: '', exit: 1 });
});

test('bash 5.2 of Debian images: root@host:/# with bracketed paste around each line; `exit` says exit', () => {
  const s = session('nginx:1.27', 'bash', true);
  assert.equal(s.start(), '\x1b[?2004hroot@web:/# ');
  assert.deepEqual(s.input('exit 7\r'), { out: 'exit 7\r\n\x1b[?2004l\rexit\r\n', err: '', exit: 7 });
  // dash, Debian's sh: `# `, and no word on exit
  const d = session('nginx:1.27', 'sh', true);
  assert.equal(d.start(), '# ');
  assert.deepEqual(d.input('exit\r'), { out: 'exit\r\n', err: '', exit: 0 });
});

test('centos:7: bash 4.2 as sh (`sh-4.2# `) and as bash (`[root@web /]# `)', () => {
  assert.equal(session('centos:7', 'sh', true).start(), 'sh-4.2# ');
  assert.equal(session('centos:7', 'bash', true).start(), '[root@web /]# ');
});

test('a TTY exec of env shows TERM=xterm (containerd adds it to a terminal exec), before the HOME the runtime adds', () => {
  const s = session('busybox:1.36', 'sh', true);
  s.start();
  const out = s.input('env\r').out.split('\r\n');
  assert.deepEqual(out.slice(-3), ['TERM=xterm', 'HOME=/root', '/ # ']);
  const plain = session('busybox:1.36', 'sh', false);
  assert.ok(!plain.input('env\n').out.includes('TERM='));
});

test('without a terminal: no prompt, no echo, stderr apart; end of input runs the last line and exits', () => {
  const s = session('nginx:1.27', 'sh', false);
  assert.equal(s.start(), '');
  assert.deepEqual(s.input('hostname\nprintenv NOPE'), { out: 'web\n', err: '' });
  assert.deepEqual(s.end(), { out: '', err: '', exit: 1 });
});

test("bracketed paste only from bash 5.1 (Debian bullseye): nginx:1.14 is stretch's bash 4.4; nginx:alpine has no bash", () => {
  assert.equal(session('nginx:1.14', 'bash', true).start(), 'root@web:/# ');
  assert.equal(session('nginx:1.25-bookworm', 'bash', true).start(), '\x1b[?2004hroot@web:/# ');
  assert.equal(session('nginx:1.27-alpine', 'sh', true).start(), '/ # ');
  assert.throws(
    () => session('nginx:1.27-alpine', 'bash', true),
    /not supported yet: bash in nginx:1.27-alpine, which has no bash/,
  );
});
