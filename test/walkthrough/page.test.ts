import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise, parsePage, rewritePage } from './page.ts';

const PAGE = [
  '# A page',
  '```sh',
  '$ not run',
  '```',
  '```console',
  '$ kubectl get nodes',
  'NAME   STATUS',
  'm-k8s  Ready',
  "$ kubectl apply -f - <<'EOF'",
  'kind: Pod',
  '$ not a command inside the heredoc',
  'EOF',
  'pod/x created',
  '$ kubectl logs x \\',
  '  -c y',
  '```',
  'text',
  '```console',
  '$ true',
  '```',
  '',
].join('\n');

test('parsePage: the ```console blocks as commands (heredocs and \\ continuations included) with the outputs under them', () => {
  assert.deepEqual(parsePage(PAGE, 'p.md'), [
    { command: 'kubectl get nodes', shown: 'NAME   STATUS\nm-k8s  Ready\n', line: 6 },
    {
      command: "kubectl apply -f - <<'EOF'\nkind: Pod\n$ not a command inside the heredoc\nEOF",
      shown: 'pod/x created\n',
      line: 9,
    },
    { command: 'kubectl logs x \\\n  -c y', shown: '', line: 14 },
    { command: 'true', shown: '', line: 19 },
  ]);
});

test('parsePage: an unclosed block or heredoc, or a block not starting with a command, is an error naming the line', () => {
  assert.throws(() => parsePage('```console\n$ x\n', 'p.md'), /p\.md:1: a ```console block is not closed/);
  assert.throws(() => parsePage("```console\n$ x <<'EOF'\ny\n```\n", 'p.md'), /p\.md:2: the heredoc is not closed/);
  assert.throws(() => parsePage('```console\noutput\n```\n', 'p.md'), /p\.md:2: .* must start with a "\$ " command/);
});

test('rewritePage: new outputs replace the shown ones, everything else stays', () => {
  const out = rewritePage(PAGE, 'p.md', ['NAME\nw1\n', 'pod/x configured\n', 'log\n', '']);
  assert.equal(
    out,
    PAGE.replace('NAME   STATUS\nm-k8s  Ready', 'NAME\nw1')
      .replace('pod/x created', 'pod/x configured')
      .replace('  -c y\n', '  -c y\nlog\n'),
  );
  assert.deepEqual(
    parsePage(out, 'p.md').map((s) => s.shown),
    ['NAME\nw1\n', 'pod/x configured\n', 'log\n', ''],
  );
  assert.throws(() => rewritePage(PAGE, 'p.md', ['one']), /4 commands, 1 outputs/);
});

test('normalise: ages, timestamps, uids, resourceVersions, generated suffixes and padding go; names, nodes, IPs, states stay', () => {
  const a = [
    'NAME                       READY   STATUS    RESTARTS     AGE   IP             NODE',
    'weserver-7d56dd94c-99hh7   1/1     Running   1 (1s ago)   95s   172.16.86.66   w2-k8s',
    '  creationTimestamp: "2026-12-07T17:48:43Z"',
    '  resourceVersion: "1926"',
    '  uid: d561f18b-af34-4218-b917-261f00000203',
    '    Container ID:   containerd://1a74ece4b5847f5386bc36b3435bbbe85f4a68c5c304c74739b9ebae46f19b76',
    'Start Time:       Mon, 07 Dec 2026 17:49:01 +0000',
    '  Normal  Pulled     2m3s  kubelet  Successfully pulled image "nginx:1.14" in 1.27s (1.27s including waiting).',
    '',
  ].join('\n');
  const b = [
    'NAME                       READY   STATUS    RESTARTS      AGE    IP             NODE',
    'weserver-7d56dd94c-x7844   1/1     Running   1 (12s ago)   2m5s   172.16.86.66   w2-k8s',
    '  creationTimestamp: "2026-12-08T01:00:00Z"',
    '  resourceVersion: "2001"',
    '  uid: 00000000-af34-4218-b917-261f00000999',
    '    Container ID:   containerd://837d94a1e72c5600f7198676280c25ca00734449dd195352cd643f5c2a2e968c',
    'Start Time:       Tue, 08 Dec 2026 01:00:00 +0000',
    '  Normal  Pulled     5s    kubelet  Successfully pulled image "nginx:1.14" in 990ms (990ms including waiting).',
    '',
  ].join('\n');
  assert.equal(normalise(a), normalise(b));
  for (const [from, to] of [
    ['w2-k8s', 'w1-k8s'],
    ['172.16.86.66', '172.16.87.66'],
    ['Running', 'Pending'],
    ['1/1', '0/1'],
    ['7d56dd94c', '7d56dd94d'],
    ['nginx:1.14', 'nginx:1.15'],
  ])
    assert.notEqual(normalise(a), normalise(a.replace(from, to)), `${from} → ${to} must count`);
});

test("normalise: drain's parallel eviction lines and the parts of its warnings compare as sets, other lines keep their order", () => {
  const one =
    'evicting pod default/db\nevicting pod default/web-1\npod/web-1 evicted\npod/db evicted\nnode/w3 drained\n';
  const two =
    'evicting pod default/web-1\nevicting pod default/db\npod/db evicted\npod/web-1 evicted\nnode/w3 drained\n';
  assert.equal(normalise(one), normalise(two));
  assert.notEqual(normalise(one), normalise(one.replace('default/db\n', 'default/cache\n')));
  assert.notEqual(normalise('a\nb\n'), normalise('b\na\n'));
  assert.equal(
    normalise('Warning: deleting a: x; ignoring b: y\n'),
    normalise('Warning: ignoring b: y; deleting a: x\n'),
  );
  assert.notEqual(
    normalise('Warning: deleting a: x; ignoring b: y\n'),
    normalise('Warning: ignoring b: z; deleting a: x\n'),
  );
});
