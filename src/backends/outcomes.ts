// The outcome of each scenario in a cucumber JSON report (the `json:` formatter), and the
// comparison of two runs of the same features: the simulator's and the kubeconfig backend's
// against `kube-scenarios serve` (npm run scenarios:real, scripts/scenarios-real.ts). A scenario's
// outcome is its worst step or hook (failed > skipped > passed, as support/plain-summary.cjs
// counts); a skipped scenario's reason is the text of its skip-reason attachment (steps/hooks.ts:
// `skipped on the <backend> backend: …`; the JSON formatter keeps no attachment file names).

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface ScenarioOutcome {
  /** `features/x.feature:12`: the scenario's (or the example row's) line. */
  id: string;
  name: string;
  outcome: Outcome;
  /** Why it was skipped (the skip-reason.txt attachment), or its first error line. */
  detail?: string;
}

interface JsonStep {
  name?: string;
  result?: { status?: string; error_message?: string };
  embeddings?: Array<{ mime_type?: string; data?: string }>;
}
interface JsonElement {
  type?: string;
  name?: string;
  line?: number;
  steps?: JsonStep[];
  before?: JsonStep[];
  after?: JsonStep[];
}
interface JsonFeature {
  uri?: string;
  elements?: JsonElement[];
}

/** How the skip-reason attachment starts (steps/hooks.ts). */
export const SKIP_PREFIX = 'skipped on the ';

const RANK: Record<string, number> = { passed: 0, skipped: 1, failed: 2 };

/** An attachment's text: cucumber's JSON formatter base64-encodes attachment data. */
function attachmentText(e: { mime_type?: string; data?: string }): string {
  return e.mime_type?.startsWith('text/') ? Buffer.from(e.data ?? '', 'base64').toString('utf8') : '';
}

export function outcomesOf(report: unknown): ScenarioOutcome[] {
  const out: ScenarioOutcome[] = [];
  for (const f of (report ?? []) as JsonFeature[]) {
    for (const el of f.elements ?? []) {
      if (el.type && el.type !== 'scenario') continue;
      let outcome: Outcome = 'passed';
      let detail: string | undefined;
      for (const step of [...(el.before ?? []), ...(el.steps ?? []), ...(el.after ?? [])]) {
        const s = step.result?.status ?? 'passed';
        const o: Outcome = s === 'passed' ? 'passed' : s === 'skipped' ? 'skipped' : 'failed';
        const reason = step.embeddings?.map(attachmentText).find((t) => t.startsWith(SKIP_PREFIX));
        if (reason) detail = reason.trim();
        if (o === 'failed' && outcome !== 'failed') detail = (step.result?.error_message ?? s).split('\n')[0];
        if (RANK[o] > RANK[outcome]) outcome = o;
      }
      out.push({ id: `${f.uri}:${el.line}`, name: el.name ?? '', outcome, ...(detail ? { detail } : {}) });
    }
  }
  return out;
}

/** The scenarios (`features/x.feature:12`) with a step whose text matches one of the patterns. */
export function scenariosWithStep(report: unknown, patterns: readonly RegExp[]): string[] {
  const out: string[] = [];
  for (const f of (report ?? []) as JsonFeature[])
    for (const el of f.elements ?? [])
      if (
        (!el.type || el.type === 'scenario') &&
        (el.steps ?? []).some((s) => patterns.some((p) => p.test(s.name ?? '')))
      )
        out.push(`${f.uri}:${el.line}`);
  return out;
}

export interface Comparison {
  same: ScenarioOutcome[];
  /** Skipped on the real backend (simulator-only steps, missing nodes, destructive commands). */
  skipped: ScenarioOutcome[];
  /** Ran on both, with different outcomes: the real one (the simulator's is `simulator`). */
  differ: Array<ScenarioOutcome & { simulator: Outcome }>;
  /** In one report only. */
  missing: string[];
}

export function compareOutcomes(simulator: ScenarioOutcome[], real: ScenarioOutcome[]): Comparison {
  const sim = new Map(simulator.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const c: Comparison = { same: [], skipped: [], differ: [], missing: [] };
  for (const r of real) {
    seen.add(r.id);
    const s = sim.get(r.id);
    if (!s) c.missing.push(`${r.id} (only in the real run)`);
    else if (r.outcome === 'skipped' && s.outcome !== 'skipped') c.skipped.push(r);
    else if (r.outcome === s.outcome) c.same.push(r);
    else c.differ.push({ ...r, simulator: s.outcome });
  }
  for (const s of simulator) if (!seen.has(s.id)) c.missing.push(`${s.id} (only in the simulator's run)`);
  return c;
}

/** The comparison as a markdown page: counts, then the differing and the skipped scenarios with their reasons. */
export function renderComparison(c: Comparison, header: string): string {
  const row = (s: ScenarioOutcome) => `- ${s.id} ${s.name}${s.detail ? `\n  ${s.detail.replace(/\n/g, '\n  ')}` : ''}`;
  return [
    `# Scenarios on a real cluster compared with the simulator`,
    '',
    header,
    '',
    `same outcome: ${c.same.length}, different: ${c.differ.length}, skipped on the real cluster: ${c.skipped.length}${c.missing.length ? `, in one run only: ${c.missing.length}` : ''}`,
    '',
    `## Different outcomes (${c.differ.length})`,
    '',
    ...(c.differ.length
      ? c.differ.map((d) => `${row(d)}\n  (simulator: ${d.simulator}, real: ${d.outcome})`)
      : ['(none)']),
    '',
    `## Skipped on the real cluster (${c.skipped.length})`,
    '',
    ...(c.skipped.length ? c.skipped.map(row) : ['(none)']),
    ...(c.missing.length ? ['', '## In one run only', '', ...c.missing.map((m) => `- ${m}`)] : []),
    '',
  ].join('\n');
}
