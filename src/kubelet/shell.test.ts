import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotUnderstood, parseScript } from './shell.ts';

test('shell (sh -c scripts as POSIX sh reads them): quoting, ; && || and until/while loops parse; the service-account namespace file is the pod namespace', () => {
  assert.deepEqual(parseScript(`echo 'a b' "c\\"d"; sleep 1 && exit 3 || true`), {
    kind: 'seq',
    items: [
      { kind: 'cmd', argv: ['echo', 'a b', 'c"d'] },
      {
        kind: 'or',
        left: { kind: 'and', left: { kind: 'cmd', argv: ['sleep', '1'] }, right: { kind: 'cmd', argv: ['exit', '3'] } },
        right: { kind: 'cmd', argv: ['true'] },
      },
    ],
  });
  assert.deepEqual(
    parseScript(
      'until nslookup db.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace); do sleep 2; done',
      'shop',
    ),
    {
      kind: 'loop',
      until: true,
      cond: { kind: 'cmd', argv: ['nslookup', 'db.shop'] },
      body: { kind: 'cmd', argv: ['sleep', '2'] },
    },
  );
  for (const s of ['cat x | grep y', 'echo $HOME', 'if true; then echo; fi', "echo 'open"])
    assert.throws(() => parseScript(s), NotUnderstood, s);
});
