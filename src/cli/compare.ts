// `kube-scenarios compare --config a.yaml --config b.yaml -f nodes.yaml -f workload.yaml [--seed N]
// [-o text|json]`: applies the same files (inventories, `kubectl get … -o yaml` captures, Helm
// output) to a fresh cluster under each KubeSchedulerConfiguration and prints, side by side, the
// placements that differ, the pods pending under each, and per-node cpu/memory utilisation with
// an imbalance figure (coefficient of variation of cpu utilisation; src/report/compare.ts).
// Each configuration is labelled by its file name without extension.

import { Command, Option } from 'commander';
import { compareConfigs, labelOf, type Comparison, type ConfigSource, type InputFile } from '../report/compare.ts';
import { formatTable } from '../kubectl/tabwriter.ts';
import { UserError } from '../util/errors.ts';
import type { CliOutput } from './command.ts';
import { parseSeed } from './simulate.ts';
import { type InputOptions, readInputFile, readInputs, withInputOptions } from './input.ts';

export interface CompareOptions extends InputOptions {
  config: string[];
  seed: number;
  output: 'text' | 'json';
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function compareCommand(io: CliOutput): Command {
  return withInputOptions(
    new Command('compare')
      .description('run the same files under several scheduler configurations and compare the placements')
      .requiredOption('--config <file>', 'a KubeSchedulerConfiguration file (repeat: at least two)', collect),
  )
    .option('--seed <n>', 'seed for every random choice (the same for every configuration)', parseSeed, 1)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: CompareOptions) => {
      io.out(compare(opts));
    });
}

export function compare(opts: CompareOptions): string {
  if (opts.config.length < 2)
    throw new UserError('compare needs at least two --config files (one per configuration to compare)');
  const labels = opts.config.map(labelOf);
  const configs: ConfigSource[] = opts.config.map((path, i) => ({
    label: labels.indexOf(labels[i]) === i && labels.lastIndexOf(labels[i]) === i ? labels[i] : path,
    text: readInputFile(path),
    source: path,
  }));
  const files: InputFile[] = readInputs(opts);
  const result = compareConfigs(configs, files, opts.seed);
  return opts.output === 'json' ? `${JSON.stringify(toJson(result), null, 2)}\n` : renderComparison(result, opts.seed);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function toJson(c: Comparison): unknown {
  return {
    configurations: c.runs.map((r) => r.label),
    differences: c.differences.map((d) => ({
      pod: d.pod,
      nodes: Object.fromEntries(c.runs.map((r, i) => [r.label, d.nodes[i]])),
    })),
    pending: Object.fromEntries(c.runs.map((r) => [r.label, r.pending])),
    utilisation: Object.fromEntries(c.runs.map((r) => [r.label, r.usage])),
    imbalance: Object.fromEntries(c.runs.map((r) => [r.label, Number(r.imbalance.toFixed(3))])),
  };
}

export function renderComparison(c: Comparison, seed: number): string {
  const labels = c.runs.map((r) => r.label);
  const out: string[] = [`Configurations: ${labels.join(', ')} (seed ${seed})`, ''];
  out.push(`Placements that differ: ${c.differences.length}`);
  if (c.differences.length)
    out.push(
      formatTable([
        ['POD', ...labels.map((l) => l.toUpperCase())],
        ...c.differences.map((d) => [d.pod, ...d.nodes]),
      ]).trimEnd(),
    );
  out.push('');
  out.push('Pending:');
  for (const r of c.runs)
    out.push(`  ${r.label}: ${r.pending.length ? `${r.pending.length} (${r.pending.join(', ')})` : 'none'}`);
  out.push('');
  out.push('Utilisation (requests / allocatable):');
  const nodes = [...new Set(c.runs.flatMap((r) => r.usage.map((u) => u.node)))].sort();
  const header = ['NODE', ...labels.flatMap((l) => [`${l.toUpperCase()} CPU`, `${l.toUpperCase()} MEMORY`])];
  const rows = nodes.map((n) => [
    n,
    ...c.runs.flatMap((r) => {
      const u = r.usage.find((x) => x.node === n);
      return u ? [pct(u.cpu), pct(u.memory)] : ['-', '-'];
    }),
  ]);
  out.push(formatTable([header, ...rows]).trimEnd());
  out.push('');
  out.push('Imbalance (coefficient of variation of cpu utilisation across schedulable nodes; 0 = even):');
  for (const r of c.runs) out.push(`  ${r.label}: ${r.imbalance.toFixed(3)}`);
  return `${out.join('\n')}\n`;
}
