// Experiment coverage of a cucumber run: which experiment IDs (tags such as @S05, matched by a
// configurable pattern) have scenarios, whether those passed, and which expected IDs have no
// scenario at all. Built from cucumber's message stream (no cucumber imports: the messages are
// plain objects), rendered as a self-contained HTML page and as markdown for a CI job summary.
// The run summary (support/run-summary.cjs) uses the same collector for its counts and the
// slowest scenarios.

import { existsSync, readFileSync } from 'node:fs';

export const DEFAULT_TAG_PATTERN = /^@([SMP]\d{2})$/;

/** The experiments of the reference notes (ID → short title), used when experiments.md is not at hand. */
export const BUILTIN_EXPERIMENTS: Record<string, string> = {
  S01: 'nodeSelector: the pod runs on a labelled node',
  S02: 'node affinity: required and preferred terms',
  S03: 'pod affinity: frontend pods join the backend pod',
  S04: 'pod anti-affinity: frontend pods avoid the backend pod',
  S05: 'taints: pods avoid a tainted node',
  S06: 'tolerations without a matching taint',
  S07: 'tolerations: a tolerated taint admits pods',
  S08: 'every node tainted: pods stay Pending (FailedScheduling)',
  S09: 'cordon and uncordon',
  S10: 'drain: evictions, --force and --ignore-daemonsets',
  M01: 'sidecar container sharing an emptyDir',
  M02: 'ambassador container',
  M03: 'adapter container',
  P01: 'pod phases: Pending, Running, Succeeded, Failed, Unknown',
  P02: 'kubectl get pods output formats',
  P03: 'kubectl run, logs, pod IP, port-forward',
  P04: 'kubectl create and apply',
  P05: 'kubectl run --dry-run=client',
  P06: 'static pods',
  P07: 'resource requests and limits, OOMKilled',
  P08: 'environment variables',
  P09: 'multi-container pod: exec -c, logs -c',
  P10: 'init containers waiting for Services',
  P11: 'infra (pause) container',
};

/** The IDs of the reference notes, used when experiments.md is not at hand. */
export const BUILTIN_EXPERIMENT_IDS = Object.keys(BUILTIN_EXPERIMENTS);

export interface ExpectedExperiments {
  ids: string[];
  source: string;
  /** ID → title (the experiment column of experiments.md, shortened), when known. */
  titles?: Record<string, string>;
}

/** A table cell as a one-line title: no markdown code marks, at most `max` characters, cut at a word. */
function titleOf(cell: string, max = 70): string {
  const t = cell.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/** The table rows (`| S01 | experiment | … |`) of an experiments.md, in order of appearance, with their titles. */
export function parseExperiments(markdown: string): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  for (const m of markdown.matchAll(/^\|\s*([A-Z]\d{2})\s*\|([^|\n]*)/gm))
    if (!out.some((e) => e.id === m[1])) out.push({ id: m[1], title: titleOf(m[2]) });
  return out;
}

/** The IDs of the table rows (`| S01 | … |`) of an experiments.md, in order of appearance. */
export function parseExperimentIds(markdown: string): string[] {
  return parseExperiments(markdown).map((e) => e.id);
}

/** The expected IDs: those of `path` when it exists and lists some, else the built-in list. */
export function expectedIds(path: string | undefined): ExpectedExperiments {
  if (path && existsSync(path)) {
    const rows = parseExperiments(readFileSync(path, 'utf8'));
    if (rows.length)
      return { ids: rows.map((r) => r.id), source: path, titles: Object.fromEntries(rows.map((r) => [r.id, r.title])) };
  }
  return { ids: BUILTIN_EXPERIMENT_IDS, source: 'built-in list', titles: BUILTIN_EXPERIMENTS };
}

export type { Outcome, ScenarioResult } from './run.ts';
export { RunCollector } from './run.ts';
import { firstLine, scenarioAnchor, type Outcome, type ScenarioResult } from './run.ts';

export interface ExperimentCoverage {
  id: string;
  /** From experiments.md or the built-in list; '' when unknown. */
  title: string;
  expected: boolean;
  outcome: Outcome | 'no scenario';
  scenarios: ScenarioResult[];
}

export interface Coverage {
  experiments: ExperimentCoverage[];
  /** Expected IDs without any scenario. */
  missing: string[];
  expectedSource: string;
  scenarios: number;
  untagged: number;
}

export function coverageOf(
  results: ScenarioResult[],
  expected: ExpectedExperiments,
  pattern: RegExp = DEFAULT_TAG_PATTERN,
): Coverage {
  const byId = new Map<string, ScenarioResult[]>();
  let untagged = 0;
  for (const r of results) {
    const ids = new Set(
      r.tags
        .map((t) => pattern.exec(t))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => m[1] ?? m[0]),
    );
    if (ids.size === 0) untagged++;
    for (const id of ids) byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  const order = [...expected.ids, ...[...byId.keys()].filter((id) => !expected.ids.includes(id)).sort()];
  const experiments = order.map((id): ExperimentCoverage => {
    const scenarios = byId.get(id) ?? [];
    // Failed if one failed; skipped (not a pass: part of it was not checked, e.g. the simulator-only
    // scenarios of a real-cluster run) if one was skipped; passed only when all passed.
    const outcome =
      scenarios.length === 0
        ? 'no scenario'
        : scenarios.some((s) => s.outcome === 'failed')
          ? 'failed'
          : scenarios.some((s) => s.outcome === 'skipped')
            ? 'skipped'
            : 'passed';
    return { id, title: expected.titles?.[id] ?? '', expected: expected.ids.includes(id), outcome, scenarios };
  });
  return {
    experiments,
    missing: experiments.filter((e) => e.outcome === 'no scenario').map((e) => e.id),
    expectedSource: expected.source,
    scenarios: results.length,
    untagged,
  };
}

const ICON: Record<ExperimentCoverage['outcome'], string> = {
  passed: '✅',
  failed: '❌',
  skipped: '⏭️',
  'no scenario': '⬜',
};
/** The page's marks: text symbols every font has (emoji fonts are missing on many CI machines). */
const HTML_ICON: Record<ExperimentCoverage['outcome'], string> = {
  passed: '✔',
  failed: '✖',
  skipped: '↷',
  'no scenario': '○',
};

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function coverageMarkdown(c: Coverage): string {
  const covered = c.experiments.filter((e) => e.scenarios.length).length;
  const passed = c.experiments.filter((e) => e.outcome === 'passed').length;
  const out = [
    '## Experiment coverage',
    '',
    `${covered} of ${c.experiments.length} experiment IDs have scenarios, ${passed} pass; ${c.scenarios} scenarios ran (${c.untagged} without an experiment tag). Expected IDs: ${c.expectedSource}.`,
    '',
    '| ID | result | scenarios |',
    '|---|---|---|',
  ];
  for (const e of c.experiments) {
    const list =
      e.scenarios
        .map(
          (s) =>
            `${ICON[s.outcome]} ${mdCell(s.name)} (${s.uri}:${s.line})${s.failure ? `: ${mdCell(firstLine(s.failure.message))}` : ''}`,
        )
        .join('<br>') || '—';
    out.push(
      `| ${e.id}${e.title ? ` ${mdCell(e.title)}` : ''}${e.expected ? '' : ' (not in the expected list)'} | ${ICON[e.outcome]} ${e.outcome} | ${list} |`,
    );
  }
  out.push(
    '',
    c.missing.length ? `IDs with no scenario: ${c.missing.join(', ')}` : 'Every expected ID has a scenario.',
    '',
  );
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Options of the coverage page: where each scenario's details are (the run page, see runpage.ts). */
export interface CoverageHtmlOptions {
  runPage?: string;
}

export function coverageHtml(c: Coverage, opts: CoverageHtmlOptions = {}): string {
  const covered = c.experiments.filter((e) => e.scenarios.length).length;
  const passed = c.experiments.filter((e) => e.outcome === 'passed').length;
  const page = opts.runPage ?? 'index.html';
  const rows = c.experiments
    .map((e) => {
      const list = e.scenarios.length
        ? `<ul>${e.scenarios
            .map((s) => {
              const reason = s.failure
                ? `<div class="reason"><b>${esc(s.failure.step)}</b>${s.failure.line ? ` (line ${s.failure.line})` : ''}: ${esc(firstLine(s.failure.message))}</div>`
                : '';
              return `<li class="${s.outcome}">${HTML_ICON[s.outcome]} <a href="${esc(page)}#${scenarioAnchor(s)}">${esc(s.name)}</a> <span class="where">${esc(s.uri)}:${s.line} · ${esc(s.feature)}${s.outcome === 'failed' ? ` · ${esc(s.status)}` : ''}</span>${reason}</li>`;
            })
            .join('')}</ul>`
        : '<span class="none">no scenario</span>';
      const title = e.title ? `<div class="title">${esc(e.title)}</div>` : '';
      return `<tr class="${e.outcome.replace(' ', '-')}"><th>${esc(e.id)}${e.expected ? '' : '<br><small>not expected</small>'}</th><td class="outcome">${HTML_ICON[e.outcome]} ${esc(e.outcome)}</td><td>${title}${list}</td></tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Experiment coverage</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4em .6em;text-align:left;vertical-align:top}
th{width:5em}td.outcome{width:9em;white-space:nowrap}ul{margin:0;padding-left:1.2em}
tr.failed td.outcome{color:#b00020;font-weight:bold}tr.passed td.outcome{color:#1b7a1b}tr.no-scenario{background:#f6f6f6}
.title{font-weight:600;margin-bottom:.2em}.where{color:#777;font-size:.85em}.none{color:#999}
.reason{color:#b00020;font-size:.9em;margin:.1em 0 .3em;white-space:pre-wrap}a{color:#1a4f9c}
</style></head><body>
<h1>Experiment coverage</h1>
<p>${covered} of ${c.experiments.length} experiment IDs have scenarios, ${passed} pass; ${c.scenarios} scenarios ran (${c.untagged} without an experiment tag). Expected IDs: ${esc(c.expectedSource)}. <a href="${esc(page)}">Run report</a></p>
<table><thead><tr><th>ID</th><td class="outcome">result</td><td>experiment and scenarios</td></tr></thead><tbody>
${rows}
</tbody></table>
<p>${c.missing.length ? `IDs with no scenario: ${esc(c.missing.join(', '))}` : 'Every expected ID has a scenario.'}</p>
</body></html>
`;
}

/** The end-of-run summary (a screenful at most): scenarios, experiments covered, slowest scenarios. */
export function runSummary(c: Coverage, results: ScenarioResult[], slowest = 5): string {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const covered = c.experiments.filter((e) => e.scenarios.length);
  const failedIds = c.experiments.filter((e) => e.outcome === 'failed').map((e) => e.id);
  const lines = [
    '─── run summary ───',
    `scenarios:   ${results.length} (${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped)`,
    `experiments: ${covered.length}/${c.experiments.length} IDs have scenarios, ${c.experiments.filter((e) => e.outcome === 'passed').length} pass${failedIds.length ? `; failing: ${failedIds.join(', ')}` : ''}`,
  ];
  if (c.missing.length) lines.push(`no scenario: ${c.missing.join(', ')}`);
  const slow = [...results].sort((a, b) => b.durationMs - a.durationMs).slice(0, slowest);
  if (slow.length) {
    lines.push('slowest:');
    for (const r of slow)
      lines.push(
        `  ${(r.durationMs / 1000).toFixed(2).padStart(6)}s  ${r.name.length > 70 ? `${r.name.slice(0, 69)}…` : r.name} (${r.uri}:${r.line})`,
      );
  }
  return lines.join('\n');
}
