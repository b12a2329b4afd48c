// The `Examples:` section of each command's --help, in kubectl's form (a `# what it does` line,
// then the command line, a blank line between examples; see the Example fields of
// staging/src/k8s.io/kubectl/pkg/cmd/*/*.go). main.ts attaches them to the commands by name.

import type { Command } from 'commander';

export interface Example {
  what: string;
  line: string;
}

export const EXAMPLES: Record<string, Example[]> = {
  'kube-scenarios': [
    {
      what: 'Scaffold a project of Gherkin scenarios here, then run them',
      line: 'kube-scenarios init && npm run scenarios',
    },
    {
      what: 'Where would the pods of a Helm chart land on our nodes?',
      line: 'kube-scenarios simulate -f nodes.yaml -f chart.yaml',
    },
    {
      what: 'Why did the scheduler put this pod there?',
      line: 'kube-scenarios explain deployment/web -f nodes.yaml -f web.yaml',
    },
  ],
  simulate: [
    {
      what: 'Schedule a workload on a captured cluster (`kubectl get nodes -o yaml > nodes.yaml`) and list where each pod lands',
      line: 'kube-scenarios simulate -f nodes.yaml -f workload.yaml',
    },
    {
      what: 'Simulate every manifest of a directory tree, with another tie-break seed',
      line: 'kube-scenarios simulate -f nodes.yaml -R -f manifests/ --seed 7',
    },
    {
      what: 'Simulate Helm output read from standard input',
      line: 'helm template ./chart | kube-scenarios simulate -f nodes.yaml -f -',
    },
    {
      what: 'The full report as JSON, each scheduling attempt cut to the 5 best and 5 rejected nodes',
      line: 'kube-scenarios simulate -f nodes.yaml -f workload.yaml -o json --top 5 > report.json',
    },
  ],
  compare: [
    {
      what: 'Place the same workload under two scheduler configurations and list the pods that land differently',
      line: 'kube-scenarios compare --config default.yaml --config bin-packing.yaml -f nodes.yaml -f workload.yaml',
    },
    {
      what: 'The comparison as JSON',
      line: 'kube-scenarios compare --config a.yaml --config b.yaml -f nodes.yaml -f workload.yaml -o json',
    },
  ],
  init: [
    { what: 'Scaffold the current directory (existing files are kept)', line: 'kube-scenarios init' },
    {
      what: 'Scaffold another directory',
      line: 'mkdir cluster-scenarios && kube-scenarios init --dir cluster-scenarios',
    },
  ],
  serve: [
    {
      what: 'Serve the lab cluster; paste the export line it prints into another terminal and use kubectl there',
      line: 'kube-scenarios serve',
    },
    {
      what: 'Serve a cluster built from manifests on port 6443, with virtual time running ten times as fast',
      line: 'kube-scenarios serve -f nodes.yaml -f workload.yaml --port 6443 --speed 10',
    },
  ],
  explain: [
    {
      what: "Explain the scheduler's decision for pod web, node by node",
      line: 'kube-scenarios explain web -f nodes.yaml -f web.yaml',
    },
    {
      what: 'Explain each pod of a deployment in namespace payments, listing the 10 best nodes',
      line: 'kube-scenarios explain deployment/payments-api -n payments -f nodes.yaml -f chart.yaml --top 10',
    },
  ],
};

export function examplesText(examples: Example[]): string {
  return `\nExamples:\n${examples.map((e) => `  # ${e.what}\n  ${e.line}`).join('\n\n')}\n`;
}

/** Adds the Examples section to the program and each of its commands that has examples. */
export function addExamples(program: Command): void {
  for (const cmd of [program, ...program.commands]) {
    const examples = EXAMPLES[cmd.name()];
    if (examples) cmd.addHelpText('after', examplesText(examples));
  }
}
