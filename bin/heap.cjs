// The heap limit of the commands that build a cluster. Node's default old-space limit (about
// 4 GiB on a 64-bit machine) is less than a 15,000-node capture with 150,000 pods needs; the limit
// is a ceiling, not a reservation, so raising it costs smaller runs nothing. It can only be set
// when Node starts, so runWithLargerHeap runs the same command once more in a child Node with
// --max-old-space-size set to three quarters of the machine's memory, and ends with its exit
// status. Not when the heap is already that large, when the user chose a limit
// (--max-old-space-size in NODE_OPTIONS or on node's command line), or inside such a child.
'use strict';
const { spawnSync } = require('node:child_process');
const os = require('node:os');
const v8 = require('node:v8');

const COMMANDS = new Set(['simulate', 'explain', 'compare']);
const CHILD = 'KUBE_SCENARIOS_HEAP_CHILD';

/** The limit to run with, in MiB, or undefined when the current one will do. */
function largerHeapMiB(argv, env, execArgv) {
  if (!COMMANDS.has(argv[0]) || env[CHILD]) return undefined;
  const chosen = (s) => /--max-old-space-size\b/.test(s);
  if (execArgv.some(chosen) || chosen(env.NODE_OPTIONS ?? '')) return undefined;
  const want = Math.floor((os.totalmem() * 0.75) / (1 << 20));
  const have = Math.floor(v8.getHeapStatistics().heap_size_limit / (1 << 20));
  return want > have * 1.25 ? want : undefined;
}

/** Runs `script` with the process's arguments in a child with a larger heap; false when not needed (run in-process). */
function runWithLargerHeap(script) {
  const mib = largerHeapMiB(process.argv.slice(2), process.env, process.execArgv);
  if (mib === undefined) return false;
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${mib}`, script, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, [CHILD]: '1' },
    },
  );
  if (r.error) throw r.error;
  if (r.signal) process.kill(process.pid, r.signal);
  process.exitCode = r.status ?? 1;
  return true;
}

module.exports = { runWithLargerHeap, largerHeapMiB };
