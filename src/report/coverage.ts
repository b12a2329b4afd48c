// Experiment coverage of a cucumber run: which experiment IDs (tags such as @S05, matched by a
// configurable pattern) have scenarios, whether those passed, and which expected IDs have no
// scenario at all. Built from cucumber's message stream (no cucumber imports: the messages are
// plain objects), rendered as a self-contained HTML page and as markdown for a CI job summary.
// The run summary (support/run-summary.cjs) uses the same collector for its counts and the
// slowest scenarios.

import { existsSync, readFileSync } from 'node:fs';

export const DEFAULT_TAG_PATTERN = /^@([SMP]\d{2})$/;

/** The IDs of the reference notes, used when experiments.md is not at hand. */
export const BUILTIN_EXPERIMENT_IDS = [
  ...range('S', 10), ...range('M', 3), ...range('P', 11),
];

function range(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
}

/** The IDs of the table rows (`| S01 | … |`) of an experiments.md, in order of appearance. */
export function parseExperimentIds(markdown: string): string[] {
  const ids: string[] = [];
  for (const m of markdown.matchAll(/^\|\s*([A-Z]\d{2})\s*\|/gm)) if (!ids.includes(m[1])) ids.push(m[1]);
  return ids;
}

/** The expected IDs: those of `path` when it exists and lists some, else the built-in list. */
export function expectedIds(path: string | undefined): { ids: string[]; source: string } {
  if (path && existsSync(path)) {
    const ids = parseExperimentIds(readFileSync(path, 'utf8'));
    if (ids.length) return { ids, source: path };
  }
  return { ids: BUILTIN_EXPERIMENT_IDS, source: 'built-in list' };
}

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface ScenarioResult {
  name: string;
  feature: string;
  uri: string;
  /** 1-based line of the scenario (or of its example row). */
  line: number;
  tags: string[];
  outcome: Outcome;
  /** The worst step status in cucumber's words (PASSED, FAILED, UNDEFINED, …). */
  status: string;
  durationMs: number;
}

interface Envelope { [key: string]: any }

const RANK: Record<string, number> = { UNKNOWN: 0, PASSED: 1, SKIPPED: 2, PENDING: 3, UNDEFINED: 4, AMBIGUOUS: 5, FAILED: 6 };
const ms = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + t.nanos / 1e6;

/** Collects the final attempt of every test case from cucumber messages. */
export class RunCollector {
  private readonly features = new Map<string, string>();
  private readonly lines = new Map<string, number>();
  private readonly pickles = new Map<string, { name: string; uri: string; tags: string[]; astNodeIds: string[] }>();
  private readonly testCases = new Map<string, string>();
  private readonly started = new Map<string, { testCaseId: string; at: number; worst: string }>();
  readonly results: ScenarioResult[] = [];

  onMessage(e: Envelope): void {
    if (e.gherkinDocument) {
      const doc = e.gherkinDocument;
      this.features.set(doc.uri, doc.feature?.name ?? doc.uri);
      const visit = (children: any[]) => {
        for (const c of children ?? []) {
          const sc = c.scenario;
          if (sc) {
            this.lines.set(sc.id, sc.location.line);
            for (const ex of sc.examples ?? []) for (const row of ex.tableBody ?? []) this.lines.set(row.id, row.location.line);
          }
          if (c.rule) visit(c.rule.children);
        }
      };
      visit(doc.feature?.children);
    } else if (e.pickle) {
      const p = e.pickle;
      this.pickles.set(p.id, { name: p.name, uri: p.uri, tags: (p.tags ?? []).map((t: any) => t.name), astNodeIds: p.astNodeIds ?? [] });
    } else if (e.testCase) {
      this.testCases.set(e.testCase.id, e.testCase.pickleId);
    } else if (e.testCaseStarted) {
      const s = e.testCaseStarted;
      this.started.set(s.id, { testCaseId: s.testCaseId, at: ms(s.timestamp), worst: 'UNKNOWN' });
    } else if (e.testStepFinished) {
      const s = this.started.get(e.testStepFinished.testCaseStartedId);
      const status = e.testStepFinished.testStepResult.status;
      if (s && (RANK[status] ?? 0) > (RANK[s.worst] ?? 0)) s.worst = status;
    } else if (e.testCaseFinished) {
      const f = e.testCaseFinished;
      const s = this.started.get(f.testCaseStartedId);
      if (!s || f.willBeRetried) return;
      const pickle = this.pickles.get(this.testCases.get(s.testCaseId) ?? '');
      if (!pickle) return;
      const status = s.worst === 'UNKNOWN' ? 'PASSED' : s.worst;
      const line = this.lines.get(pickle.astNodeIds[pickle.astNodeIds.length - 1]) ?? this.lines.get(pickle.astNodeIds[0]) ?? 0;
      this.results.push({
        name: pickle.name, feature: this.features.get(pickle.uri) ?? pickle.uri, uri: pickle.uri, line, tags: pickle.tags,
        outcome: status === 'PASSED' ? 'passed' : status === 'SKIPPED' ? 'skipped' : 'failed',
        status, durationMs: Math.max(0, ms(f.timestamp) - s.at),
      });
    }
  }
}

export interface ExperimentCoverage {
  id: string;
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

export function coverageOf(results: ScenarioResult[], expected: { ids: string[]; source: string }, pattern: RegExp = DEFAULT_TAG_PATTERN): Coverage {
  const byId = new Map<string, ScenarioResult[]>();
  let untagged = 0;
  for (const r of results) {
    const ids = new Set(r.tags.map((t) => pattern.exec(t)).filter((m): m is RegExpExecArray => m !== null).map((m) => m[1] ?? m[0]));
    if (ids.size === 0) untagged++;
    for (const id of ids) byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  const order = [...expected.ids, ...[...byId.keys()].filter((id) => !expected.ids.includes(id)).sort()];
  const experiments = order.map((id): ExperimentCoverage => {
    const scenarios = byId.get(id) ?? [];
    const outcome = scenarios.length === 0 ? 'no scenario'
      : scenarios.some((s) => s.outcome === 'failed') ? 'failed'
        : scenarios.every((s) => s.outcome === 'skipped') ? 'skipped' : scenarios.some((s) => s.outcome === 'skipped') ? 'failed' : 'passed';
    return { id, expected: expected.ids.includes(id), outcome, scenarios };
  });
  return {
    experiments,
    missing: experiments.filter((e) => e.outcome === 'no scenario').map((e) => e.id),
    expectedSource: expected.source,
    scenarios: results.length,
    untagged,
  };
}

const ICON: Record<ExperimentCoverage['outcome'], string> = { passed: '✅', failed: '❌', skipped: '⏭️', 'no scenario': '⬜' };

function mdCell(s: string): string { return s.replace(/\|/g, '\\|').replace(/\n/g, ' '); }

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
    const list = e.scenarios.map((s) => `${ICON[s.outcome]} ${mdCell(s.name)} (${s.uri}:${s.line})`).join('<br>') || '—';
    out.push(`| ${e.id}${e.expected ? '' : ' (not in the expected list)'} | ${ICON[e.outcome]} ${e.outcome} | ${list} |`);
  }
  out.push('', c.missing.length ? `IDs with no scenario: ${c.missing.join(', ')}` : 'Every expected ID has a scenario.', '');
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function coverageHtml(c: Coverage): string {
  const covered = c.experiments.filter((e) => e.scenarios.length).length;
  const passed = c.experiments.filter((e) => e.outcome === 'passed').length;
  const rows = c.experiments.map((e) => {
    const list = e.scenarios.length
      ? `<ul>${e.scenarios.map((s) => `<li class="${s.outcome}">${ICON[s.outcome]} ${esc(s.name)} <span class="where">${esc(s.uri)}:${s.line} · ${esc(s.feature)}${s.outcome === 'failed' ? ` · ${esc(s.status)}` : ''}</span></li>`).join('')}</ul>`
      : '<span class="none">no scenario</span>';
    return `<tr class="${e.outcome.replace(' ', '-')}"><th>${esc(e.id)}${e.expected ? '' : '<br><small>not expected</small>'}</th><td class="outcome">${ICON[e.outcome]} ${esc(e.outcome)}</td><td>${list}</td></tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Experiment coverage</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4em .6em;text-align:left;vertical-align:top}
th{width:5em}td.outcome{width:9em;white-space:nowrap}ul{margin:0;padding-left:1.2em}
tr.failed td.outcome{color:#b00020;font-weight:bold}tr.passed td.outcome{color:#1b7a1b}tr.no-scenario{background:#f6f6f6}
.where{color:#777;font-size:.85em}.none{color:#999}
</style></head><body>
<h1>Experiment coverage</h1>
<p>${covered} of ${c.experiments.length} experiment IDs have scenarios, ${passed} pass; ${c.scenarios} scenarios ran (${c.untagged} without an experiment tag). Expected IDs: ${esc(c.expectedSource)}.</p>
<table><thead><tr><th>ID</th><td class="outcome">result</td><td>scenarios</td></tr></thead><tbody>
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
    for (const r of slow) lines.push(`  ${(r.durationMs / 1000).toFixed(2).padStart(6)}s  ${r.name.length > 70 ? `${r.name.slice(0, 69)}…` : r.name} (${r.uri}:${r.line})`);
  }
  return lines.join('\n');
}
