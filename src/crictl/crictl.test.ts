import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { createEmptyCluster, addNode } from '../cluster/bootstrap.ts';
import { goUnitsDuration, runCrictl } from './crictl.ts';

test('crictl: CREATED uses go-units HumanDuration', () => {
  assert.deepEqual(
    [0, 1000, 59_000, 60_000, 120_000, 3_599_000, 3_600_000, 5_400_000, 47 * 3_600_000, 72 * 3_600_000].map(
      goUnitsDuration,
    ),
    [
      'Less than a second',
      '1 second',
      '59 seconds',
      'About a minute',
      '2 minutes',
      '59 minutes',
      'About an hour',
      '2 hours',
      '47 hours',
      '3 days',
    ],
  );
});

test('crictl pods / ps: one sandbox per pod, the pause container never listed, -a adds exited instances', () => {
  const c = createEmptyCluster();
  addNode(c, { name: 'n1' });
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'crash' },
    spec: {
      nodeName: 'n1',
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }],
    } as Pod['spec'],
  });
  c.settle();
  c.advance(60_000);
  const pods = runCrictl(c, 'n1', ['pods']).stdout.split('\n');
  // "About a minute ago" + 3 padding is wider than minwidth 20, so that column widens to 21.
  assert.equal(
    pods[0],
    'POD ID              CREATED              STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME',
  );
  assert.match(
    pods[1],
    /^[0-9a-f]{13}       About a minute ago   Ready               crash               default             0                   \(default\)$/,
  );
  assert.equal(pods.length, 3);
  const ps = runCrictl(c, 'n1', ['ps']).stdout.split('\n');
  assert.equal(
    ps[0],
    'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE',
  );
  const all = runCrictl(c, 'n1', ['ps', '-a']).stdout.trimEnd().split('\n').slice(1);
  assert.ok(all.length >= 4);
  assert.ok(all.every((l) => / app +\d+ /.test(l) && !l.includes('pause')));
  assert.match(all[0], /Exited|Running/);
  assert.throws(() => runCrictl(c, 'n1', ['images']), /not supported yet/);
});
