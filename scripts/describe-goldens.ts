// Prints the goldens of the describers' unit tests (src/kubectl/describe/testdata/goldens.json;
// also the PodDisruptionBudget table's, src/kubectl/printers.test.ts)
// with real kubectl 1.33 over `kube-scenarios serve` of src/kubectl/describe/testdata/state.yaml:
//   node --import tsx scripts/describe-goldens.ts
// Each command runs 5 times and the most frequent output is kept (kubectl 1.33 ranges over Go
// maps, such as a ConfigMap's data, in random order).

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/apiserver/server.ts';
import { writeKubeconfig } from '../src/apiserver/kubeconfig.ts';
import { shellSplit } from '../src/kubectl/flags.ts';
import { buildDescribeState, type Goldens, TESTDATA } from '../src/kubectl/describe/testing.ts';
import { findKubectl133 } from '../test/differential/kubectl133.ts';

export const GOLDEN_COMMANDS = [
  'describe deploy web',
  'describe deploy idle',
  'describe rs solo',
  'describe rs -l app=idle',
  'describe rc legacy0',
  'describe ds -n team-a agent',
  'describe sts db',
  'describe sts cache',
  'describe job once',
  'describe job fails',
  'describe svc headless',
  'describe svc upstream',
  'describe cm scripts',
  'describe secret tls',
  'describe sa builder',
  'describe pdb web',
  'describe pdb nothing',
  'describe pc low',
  'get pdb',
  'get pdb -A -o wide --show-labels',
];

async function main(): Promise<void> {
  const kubectl = findKubectl133();
  if (!kubectl) throw new Error('kubectl 1.33 not found (kubectl.1.33 beside kubectl on PATH, or KUBECTL_1_33)');
  // Ten hours old, so kubectl prints ages in whole hours: none changes while the goldens are
  // printed if they start between 6 and 50 minutes past an hour (the state's events are all
  // recorded in its first five minutes).
  const HOUR = 3_600_000;
  let at = Date.now();
  const minute = () => Math.floor((at % HOUR) / 60_000);
  while (minute() < 6 || minute() >= 50) {
    process.stdout.write('waiting for 6 to 50 minutes past the hour\n');
    await new Promise((r) => setTimeout(r, 60_000));
    at = Date.now();
  }
  const clockStart = Math.floor(at / HOUR) * HOUR - 10 * HOUR;
  const cluster = buildDescribeState(clockStart, at);
  const server = await startServer(cluster, { speed: 0 });
  const home = mkdtempSync(join(tmpdir(), 'describe-goldens-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    TZ: 'UTC',
    KUBECONFIG: writeKubeconfig(server.url, join(home, 'kc')),
  };
  const run = (cmd: string) =>
    new Promise<string>((resolve, reject) =>
      execFile(kubectl, shellSplit(cmd), { env }, (err, stdout, stderr) =>
        err ? reject(new Error(`kubectl ${cmd}: ${stderr}`)) : resolve(stdout),
      ),
    );
  const outputs: Record<string, string> = {};
  try {
    for (const cmd of GOLDEN_COMMANDS) {
      const seen = new Map<string, number>();
      for (let i = 0; i < 5; i++) {
        const out = await run(cmd);
        seen.set(out, (seen.get(out) ?? 0) + 1);
      }
      outputs[cmd] = [...seen].sort((a, b) => b[1] - a[1])[0][0];
    }
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
  const goldens: Goldens = { clockStart, at, outputs };
  writeFileSync(join(TESTDATA, 'goldens.json'), `${JSON.stringify(goldens, null, 2)}\n`);
  process.stdout.write(`wrote ${Object.keys(outputs).length} goldens\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
