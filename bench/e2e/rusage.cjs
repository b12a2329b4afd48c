// Preloaded (`node --require`) into the CLI process the end-to-end benchmarks time: at exit it
// writes the process's resource usage (peak RSS, CPU time) to the file KUBE_SCENARIOS_RUSAGE names.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.KUBE_SCENARIOS_RUSAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSSKiB: u.maxRSS, userSeconds: u.userCPUTime / 1e6, systemSeconds: u.systemCPUTime / 1e6 }));
  });
}
