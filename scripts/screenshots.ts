// Regenerates the screenshots under docs/images/ (headless Chromium, 1366 px wide):
//   run-page-failing.png  the first screen of reports/index.html of a failing run (the run page
//                         fixture of test/fixtures/report-page: one placement failure, one pass)
//   coverage-page.png     experiments.html of that run
//   placement-500-nodes.png  the placement picture of a 500-node capture (bench/e2e/capture.ts
//                         --nodes 500 --pods 2000) after its workload is installed: the summary
//                         grouped by pool and zone
// `node --import tsx scripts/screenshots.ts` (about a minute; needs chromium, see .ci/run).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../test/report/chromium.ts';
import { createEmptyCluster } from '../src/cluster/bootstrap.ts';
import { applyInventory, readInventory } from '../src/inventory/inventory.ts';
import { placementOf, renderPlacementSvg } from '../src/report/placement.ts';

const root = join(__dirname, '..');
const images = join(root, 'docs', 'images');
const work = mkdtempSync(join(tmpdir(), 'screenshots-'));
mkdirSync(images, { recursive: true });

const chromium = findChromium();
if (!chromium) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM)');

function shoot(page: string, png: string, height: number): void {
  const r = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--window-size=1366,${height}`,
      `--screenshot=${png}`,
      `file://${page}`,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`chromium failed on ${page}:\n${r.stderr}`);
  console.log(`wrote ${png}`);
}

const env: NodeJS.ProcessEnv = { ...process.env, REPORTS_OUT: work };
delete env.NODE_OPTIONS;
spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'),
    '--config',
    'test/fixtures/report-page/cucumber.cjs',
  ],
  { cwd: root, env, encoding: 'utf8' },
);
shoot(join(work, 'index.html'), join(images, 'run-page-failing.png'), 900);
shoot(join(work, 'experiments.html'), join(images, 'coverage-page.png'), 900);

spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'bench', 'e2e', 'capture.ts'), '--nodes', '500', '--pods', '2000', '--out', work],
  { cwd: root, encoding: 'utf8' },
);
const cluster = createEmptyCluster({ seed: 1 });
for (const f of ['nodes.yaml', 'workload.yaml'])
  applyInventory(cluster, readInventory(readFileSync(join(work, f), 'utf8'), f).entries, { settleEach: false });
cluster.settle();
const svg = renderPlacementSvg(
  placementOf(cluster.store),
  '500-node capture (bench/e2e/capture.ts --nodes 500 --pods 2000)',
);
writeFileSync(join(work, 'big.html'), `<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
shoot(join(work, 'big.html'), join(images, 'placement-500-nodes.png'), 1400);
