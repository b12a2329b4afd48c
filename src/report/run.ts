// The outcome of each scenario of a cucumber run, collected from cucumber's message stream (plain
// objects: no cucumber imports): its final attempt's status (--retry), where it is, its tags, how
// long it took, the step that failed with its message, and — when asked — its attachments (the
// placement picture, the scheduler's scores). Read by the experiment coverage page, the run
// summary and the run page (src/report/runpage.ts).

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface Attachment {
  mediaType: string;
  fileName?: string;
  /** Decoded: text, or the SVG document. Binary media other than SVG are kept base64-encoded. */
  body: string;
  base64: boolean;
}

export interface StepFailure {
  /** `Then pod web runs on node w1-k8s`, or the hook's name / location. */
  step: string;
  /** 1-based line of the step in the feature file (0 for hooks). */
  line: number;
  /** The error message (an assertion's text, or the status for undefined, pending, ambiguous steps). */
  message: string;
}

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
  /** The first step that did not pass or skip (not set for passing scenarios). */
  failure?: StepFailure;
  /** Only when the collector keeps attachments. */
  attachments?: Attachment[];
}

interface Envelope {
  [key: string]: any;
}

const RANK: Record<string, number> = {
  UNKNOWN: 0,
  PASSED: 1,
  SKIPPED: 2,
  PENDING: 3,
  UNDEFINED: 4,
  AMBIGUOUS: 5,
  FAILED: 6,
};
const ms = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + t.nanos / 1e6;

/** The id of a scenario's section on the run page: `scenario-<feature path>-<line>` with only [A-Za-z0-9-]. */
export function scenarioAnchor(r: { uri: string; line: number }): string {
  return `scenario-${r.uri.replace(/[^A-Za-z0-9]+/g, '-')}-${r.line}`;
}

/** The first line of what a failed step reports, for one-line summaries. */
export function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim();
}

interface Started {
  testCaseId: string;
  at: number;
  worst: string;
  failure?: StepFailure;
  attachments: Attachment[];
}

/** Collects the final attempt of every test case from cucumber messages. */
export class RunCollector {
  private readonly features = new Map<string, string>();
  private readonly lines = new Map<string, number>();
  private readonly keywords = new Map<string, string>();
  private readonly pickles = new Map<
    string,
    {
      name: string;
      uri: string;
      tags: string[];
      astNodeIds: string[];
      steps: Map<string, { text: string; astNodeId: string }>;
    }
  >();
  private readonly testCases = new Map<
    string,
    { pickleId: string; steps: Map<string, { pickleStepId?: string; hookId?: string }> }
  >();
  private readonly hooks = new Map<string, string>();
  private readonly started = new Map<string, Started>();
  readonly results: ScenarioResult[] = [];

  /** keepAttachments: keep each scenario's attachments (the run page shows them). */
  constructor(private readonly keepAttachments = false) {}

  onMessage(e: Envelope): void {
    if (e.gherkinDocument) this.onDocument(e.gherkinDocument);
    else if (e.pickle) {
      const p = e.pickle;
      const steps = new Map<string, { text: string; astNodeId: string }>(
        (p.steps ?? []).map((s: any) => [s.id, { text: s.text, astNodeId: s.astNodeIds?.[0] }]),
      );
      this.pickles.set(p.id, {
        name: p.name,
        uri: p.uri,
        tags: (p.tags ?? []).map((t: any) => t.name),
        astNodeIds: p.astNodeIds ?? [],
        steps,
      });
    } else if (e.hook) {
      const h = e.hook;
      this.hooks.set(
        h.id,
        h.name || `hook (${h.sourceReference?.uri ?? '?'}:${h.sourceReference?.location?.line ?? '?'})`,
      );
    } else if (e.testCase) {
      const steps = new Map<string, { pickleStepId?: string; hookId?: string }>(
        (e.testCase.testSteps ?? []).map((s: any) => [s.id, { pickleStepId: s.pickleStepId, hookId: s.hookId }]),
      );
      this.testCases.set(e.testCase.id, { pickleId: e.testCase.pickleId, steps });
    } else if (e.testCaseStarted) {
      const s = e.testCaseStarted;
      this.started.set(s.id, { testCaseId: s.testCaseId, at: ms(s.timestamp), worst: 'UNKNOWN', attachments: [] });
    } else if (e.testStepFinished) this.onStepFinished(e.testStepFinished);
    else if (e.attachment) {
      const a = e.attachment;
      const s = this.started.get(a.testCaseStartedId);
      if (!s || !this.keepAttachments) return;
      const svg = a.mediaType === 'image/svg+xml';
      const decode = a.contentEncoding === 'BASE64' && (svg || String(a.mediaType).startsWith('text/'));
      s.attachments.push({
        mediaType: a.mediaType,
        fileName: a.fileName,
        body: decode ? Buffer.from(a.body, 'base64').toString('utf8') : a.body,
        base64: a.contentEncoding === 'BASE64' && !decode,
      });
    } else if (e.testCaseFinished) this.onCaseFinished(e.testCaseFinished);
  }

  private onDocument(doc: Envelope): void {
    this.features.set(doc.uri, doc.feature?.name ?? doc.uri);
    const steps = (list: any[]) => {
      for (const st of list ?? []) {
        this.keywords.set(st.id, st.keyword);
        this.lines.set(st.id, st.location.line);
      }
    };
    const visit = (children: any[]) => {
      for (const c of children ?? []) {
        if (c.background) steps(c.background.steps);
        const sc = c.scenario;
        if (sc) {
          steps(sc.steps);
          this.lines.set(sc.id, sc.location.line);
          for (const ex of sc.examples ?? [])
            for (const row of ex.tableBody ?? []) this.lines.set(row.id, row.location.line);
        }
        if (c.rule) visit(c.rule.children);
      }
    };
    visit(doc.feature?.children);
  }

  private onStepFinished(f: Envelope): void {
    const s = this.started.get(f.testCaseStartedId);
    if (!s) return;
    const { status, message } = f.testStepResult;
    if ((RANK[status] ?? 0) > (RANK[s.worst] ?? 0)) s.worst = status;
    if (s.failure || status === 'PASSED' || status === 'SKIPPED' || status === 'UNKNOWN') return;
    const tc = this.testCases.get(s.testCaseId);
    const ts = tc?.steps.get(f.testStepId);
    const pickle = this.pickles.get(tc?.pickleId ?? '');
    const ps = ts?.pickleStepId ? pickle?.steps.get(ts.pickleStepId) : undefined;
    const step = ps
      ? `${(this.keywords.get(ps.astNodeId) ?? '').trim()} ${ps.text}`.trim()
      : `After/Before ${this.hooks.get(ts?.hookId ?? '') ?? 'hook'}`;
    const text =
      message ??
      (status === 'UNDEFINED'
        ? 'undefined step: no step definition matches it'
        : status === 'PENDING'
          ? 'pending step: its definition is not written yet'
          : status === 'AMBIGUOUS'
            ? 'ambiguous step: two step definitions match it'
            : status);
    s.failure = {
      step,
      line: ps ? (this.lines.get(ps.astNodeId) ?? 0) : 0,
      message: String(text).replace(/\n\s+at [\s\S]*$/, ''),
    };
  }

  private onCaseFinished(f: Envelope): void {
    const s = this.started.get(f.testCaseStartedId);
    if (!s || f.willBeRetried) return;
    const pickle = this.pickles.get(this.testCases.get(s.testCaseId)?.pickleId ?? '');
    if (!pickle) return;
    const status = s.worst === 'UNKNOWN' ? 'PASSED' : s.worst;
    const line =
      this.lines.get(pickle.astNodeIds[pickle.astNodeIds.length - 1]) ?? this.lines.get(pickle.astNodeIds[0]) ?? 0;
    const outcome: Outcome = status === 'PASSED' ? 'passed' : status === 'SKIPPED' ? 'skipped' : 'failed';
    this.results.push({
      name: pickle.name,
      feature: this.features.get(pickle.uri) ?? pickle.uri,
      uri: pickle.uri,
      line,
      tags: pickle.tags,
      outcome,
      status,
      durationMs: Math.max(0, ms(f.timestamp) - s.at),
      ...(outcome === 'failed' && s.failure ? { failure: s.failure } : {}),
      ...(this.keepAttachments ? { attachments: s.attachments } : {}),
    });
    this.started.delete(f.testCaseStartedId);
  }
}
