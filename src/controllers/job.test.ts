import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, Pod } from '../api/types.ts';
import { createEmptyCluster, addNode } from '../cluster/bootstrap.ts';

function cluster() {
  const c = createEmptyCluster();
  addNode(c, { name: 'n1', images: [{ names: ['docker.io/library/busybox:1.36'] }] });
  c.settle();
  return c;
}
const job = (name: string, command: string[], spec: Partial<Job['spec']> = {}): Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command }] } },
    ...spec,
  },
});
const jobEvents = (c: ReturnType<typeof cluster>, j: Job) =>
  c.events
    .for(c.store.get<Job>('Job', 'default', j.metadata.name!)!)
    .map((e) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`);

test('Job controller: a Job runs completions pods with parallelism at a time, labels them job-name/controller-uid, and completes (SuccessCriteriaMet, Complete, "Job completed")', () => {
  const c = cluster();
  const j = c.api.create(job('pi', ['sh', '-c', 'sleep 5'], { completions: 3, parallelism: 2 }));
  c.settle();
  const pods = () => c.store.list<Pod>('Pod').filter((p) => p.metadata.labels?.['job-name'] === 'pi');
  assert.equal(pods().length, 2);
  const p0 = pods()[0];
  assert.match(p0.metadata.name!, /^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(p0.metadata.labels?.['batch.kubernetes.io/job-name'], 'pi');
  assert.equal(p0.metadata.labels?.['batch.kubernetes.io/controller-uid'], j.metadata.uid);
  assert.equal(p0.metadata.labels?.['controller-uid'], j.metadata.uid);
  c.advance(5000);
  c.settle();
  assert.equal(pods().filter((p) => p.status?.phase === 'Succeeded').length, 2);
  c.advance(5000);
  c.settle();
  const done = c.store.get<Job>('Job', 'default', 'pi')!;
  assert.deepEqual(
    done.status?.conditions?.map((x) => `${x.type}=${x.status}`),
    ['SuccessCriteriaMet=True', 'Complete=True'],
  );
  assert.equal(done.status?.succeeded, 3);
  assert.ok(done.status?.completionTime);
  const ev = jobEvents(c, j);
  assert.equal(ev.filter((e) => e.startsWith('Normal SuccessfulCreate job-controller: Created pod: pi-')).length, 3);
  assert.equal(ev.at(-1), 'Normal Completed job-controller: Job completed');
});

test('Job controller: failed pods are replaced after 10s, 20s … and the Job fails with BackoffLimitExceeded when failures exceed backoffLimit', () => {
  const c = cluster();
  const j = c.api.create(job('fail', ['sh', '-c', 'exit 1'], { backoffLimit: 2 }));
  c.settle();
  const count = () => c.store.list<Pod>('Pod').filter((p) => p.metadata.labels?.['job-name'] === 'fail').length;
  const created: number[] = [];
  let last = count();
  const epoch = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 60; i++) {
    c.advance(1000);
    if (count() !== last) {
      created.push((c.clock.now() - epoch) / 1000);
      last = count();
    }
  }
  // pod 1 fails at 1s (sandbox) → replacement at 1+10 = 11s; pod 2 fails at 12s → 12+20 = 32s; pod 3 fails → 3 > backoffLimit 2
  assert.deepEqual(created, [11, 32]);
  assert.equal(count(), 3);
  const f = c.store.get<Job>('Job', 'default', 'fail')!;
  assert.equal(f.status?.failed, 3);
  assert.deepEqual(
    f.status?.conditions?.map((x) => `${x.type} ${x.reason} ${x.message}`),
    [
      'FailureTarget BackoffLimitExceeded Job has reached the specified backoff limit',
      'Failed BackoffLimitExceeded Job has reached the specified backoff limit',
    ],
  );
  assert.ok(
    jobEvents(c, j).includes(
      'Warning BackoffLimitExceeded job-controller: Job has reached the specified backoff limit',
    ),
  );
});
