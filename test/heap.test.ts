// bin/heap.cjs: which runs of the CLI get a child Node with a larger heap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';

const { largerHeapMiB } = require('../bin/heap.cjs') as {
  largerHeapMiB: (argv: string[], env: NodeJS.ProcessEnv, execArgv: string[]) => number | undefined;
};
const want = Math.floor((totalmem() * 0.75) / (1 << 20));
const have = Math.floor(getHeapStatistics().heap_size_limit / (1 << 20));

test('heap: the commands that build a cluster ask for three quarters of the memory, unless the user chose a limit', {
  skip: want <= have * 1.25 && 'this machine has too little memory for a larger heap',
}, () => {
  assert.equal(largerHeapMiB(['simulate', '-f', 'x.yaml'], {}, []), want);
  assert.equal(largerHeapMiB(['explain', 'web', '-f', 'x.yaml'], {}, []), want);
  assert.equal(largerHeapMiB(['compare', '-f', 'x.yaml'], {}, []), want);
  assert.equal(largerHeapMiB(['init'], {}, []), undefined, 'init builds no cluster');
  assert.equal(largerHeapMiB(['--help'], {}, []), undefined);
  assert.equal(largerHeapMiB(['simulate'], { NODE_OPTIONS: '--max-old-space-size=2048' }, []), undefined);
  assert.equal(largerHeapMiB(['simulate'], {}, ['--max-old-space-size=2048']), undefined);
  assert.equal(
    largerHeapMiB(['simulate'], { KUBE_SCENARIOS_HEAP_CHILD: '1' }, []),
    undefined,
    'the child runs in-process',
  );
});

test('heap: bin/kube-scenarios runs simulate in the child with the larger limit and passes its exit status on', () => {
  const bin = join(__dirname, '..', 'bin', 'kube-scenarios');
  const r = spawnSync(process.execPath, [bin, 'simulate', '-f', 'does-not-exist.yaml'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'error: the path "does-not-exist.yaml" does not exist\n');
});
