// Preloaded (through NODE_OPTIONS=--require) into the CLI processes the end-to-end benchmarks time
// — bin/kube-scenarios and the child with the larger heap it starts (bin/heap.cjs): at exit each
// appends a line with its resource usage (peak RSS, CPU time) to the file KUBE_SCENARIOS_RUSAGE names.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.KUBE_SCENARIOS_RUSAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ maxRSSKiB: u.maxRSS, userSeconds: u.userCPUTime / 1e6, systemSeconds: u.systemCPUTime / 1e6 })}\n`,
    );
  });
}
