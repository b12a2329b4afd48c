// Cucumber formatter (plugin form): writes the JUnit XML report CI servers import — Jenkins (the
// JUnit plugin, and the xUnit plugin, which validates against its junit-10.xsd) and GitLab
// (artifacts:reports:junit). Built from cucumber's message stream; the final attempt of each test
// case counts (--retry), and the order is the order of the pickles (stable under --parallel).
// Configure it in cucumber.js: format: ['./support/junit.cjs:reports/junit.xml'],
// formatOptions: { junit: { suiteName: 'kube-scenarios' } }.
//
// Shape (every element and attribute is one junit-10.xsd allows):
//   <testsuites name="<suiteName>" tests failures errors time>
//     <testsuite name="<feature name>" tests failures errors skipped time timestamp hostname file>
//       <properties><property name="backend" value="kubeconfig backend, context …, server …"/></properties>   (a real-cluster run)
//       <testcase name="<scenario name>" classname="<feature name>" time>   one per scenario
//         <failure|error|skipped …>…</…>                                   when it did not pass
//         <system-out>each step with its status, then the text attachments</system-out>
// `time` is in seconds; `timestamp` is when the feature's first scenario started, in UTC without
// a zone (the Ant form, 2025-01-31T12:00:00). <testsuites> carries no `skipped` count: junit-10.xsd
// does not allow the attribute there (the xUnit plugin rejects the file); each <testsuite> has it.
// A Scenario Outline gives one testcase per example row; when the outline's name has no
// <placeholder> (so every row would have the same name) the row's values follow the name:
// `a pod lands on its node (pod=web, node=w1-k8s)`. A name still repeated in a feature gets
// ` (line N)`: GitLab keeps one testcase per classname + name.
//
// What a scenario's outcome becomes — the convention Jenkins and GitLab read (failure = the test
// ran and an assertion did not hold; error = the test could not run as written; skipped = it did
// not run):
//   failed step or hook → <failure type="<exception type>" message="<first line of the message>">
//     the failing step (keyword, text, feature file:line), the message, the stack</failure>
//   ambiguous step      → <error type="AmbiguousStepDefinition" message="ambiguous step: Given …">
//     (two step definitions match: the suite itself is broken, which must not look like "not run")
//   undefined step      → <skipped message="undefined step: Given …">
//   pending step        → <skipped message="pending step: Given …">
//   skipped step        → <skipped message="skipped step: Given …"> (a step returned 'skipped'), or
//                         <skipped message="skipped on the kubeconfig backend: …"> (steps/hooks.ts's reason)
// The reason is in `message` (what Jenkins shows) and again as the element's text with the step's
// file:line (what GitLab shows). Undefined and pending scenarios count as skipped here, but still
// fail the cucumber run (exit code 1): CI stays red, the dashboard says "not written yet".
// Text is XML-escaped; characters XML 1.0 forbids (control characters, lone surrogates) and ANSI
// colour codes are removed.
'use strict';

const { hostname } = require('node:os');

const RANK = { UNKNOWN: 0, PASSED: 1, SKIPPED: 2, PENDING: 3, UNDEFINED: 4, AMBIGUOUS: 5, FAILED: 6 };
const ms = (t) => (t ? t.seconds * 1000 + t.nanos / 1e6 : 0);
const seconds = (millis) => (Math.max(0, millis) / 1000).toFixed(3);

/** Text without ANSI colour codes and without the characters XML 1.0 does not allow. */
function xmlSafe(s) {
  // eslint-disable-next-line no-control-regex
  return String(s)
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}
function escapeText(s) {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Attribute values keep their tabs and line breaks as character references (a parser would turn them into spaces). */
function escapeAttr(s) {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
function attrs(o) {
  return Object.entries(o)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
}
function element(name, attributes, text) {
  return text === undefined || text === ''
    ? `<${name}${attrs(attributes)}/>`
    : `<${name}${attrs(attributes)}>${escapeText(text)}</${name}>`;
}

/** Collects features, scenarios, steps and results from cucumber messages and renders the report. */
class JunitCollector {
  constructor() {
    this.features = new Map(); // uri → feature name
    this.featureOrder = [];
    this.astNodes = new Map(); // gherkin step / scenario / example row id → what the report needs of it
    this.pickles = new Map();
    this.pickleOrder = [];
    this.hooks = new Map();
    this.testCases = new Map();
    this.started = new Map();
    this.finished = new Map(); // pickle id → final attempt
    this.runStarted = undefined;
    this.runFinished = undefined;
  }

  onMessage(e) {
    if (e.gherkinDocument) this.onDocument(e.gherkinDocument);
    else if (e.pickle) {
      this.pickles.set(e.pickle.id, e.pickle);
      this.pickleOrder.push(e.pickle.id);
    } else if (e.hook) this.hooks.set(e.hook.id, e.hook);
    else if (e.testCase) this.testCases.set(e.testCase.id, e.testCase);
    else if (e.testRunStarted) this.runStarted = ms(e.testRunStarted.timestamp);
    else if (e.testRunFinished) this.runFinished = ms(e.testRunFinished.timestamp);
    else if (e.testCaseStarted) {
      const s = e.testCaseStarted;
      this.started.set(s.id, {
        testCaseId: s.testCaseId,
        start: ms(s.timestamp),
        end: ms(s.timestamp),
        results: new Map(),
        attachments: [],
      });
    } else if (e.testStepFinished) {
      const s = this.started.get(e.testStepFinished.testCaseStartedId);
      if (s) s.results.set(e.testStepFinished.testStepId, e.testStepFinished.testStepResult);
    } else if (e.attachment) {
      const s = this.started.get(e.attachment.testCaseStartedId);
      if (s) s.attachments.push(e.attachment);
    } else if (e.testCaseFinished) {
      const f = e.testCaseFinished;
      const s = this.started.get(f.testCaseStartedId);
      if (!s || f.willBeRetried) return;
      s.end = ms(f.timestamp);
      const tc = this.testCases.get(s.testCaseId);
      if (tc) this.finished.set(tc.pickleId, { testCase: tc, ...s });
    }
  }

  onDocument(doc) {
    if (!this.features.has(doc.uri)) this.featureOrder.push(doc.uri);
    this.features.set(doc.uri, doc.feature?.name || doc.uri);
    const steps = (list) => {
      for (const st of list ?? []) this.astNodes.set(st.id, { keyword: st.keyword, line: st.location.line });
    };
    const visit = (children) => {
      for (const c of children ?? []) {
        if (c.background) steps(c.background.steps);
        if (c.rule) visit(c.rule.children);
        const sc = c.scenario;
        if (!sc) continue;
        steps(sc.steps);
        this.astNodes.set(sc.id, { name: sc.name, line: sc.location.line });
        for (const ex of sc.examples ?? []) {
          const headers = (ex.tableHeader?.cells ?? []).map((cell) => cell.value);
          for (const row of ex.tableBody ?? []) {
            const values = row.cells.map((cell, i) => `${headers[i]}=${cell.value}`).join(', ');
            this.astNodes.set(row.id, { line: row.location.line, values });
          }
        }
      }
    };
    visit(doc.feature?.children);
  }

  /** A step's label (`Then a pod runs`, `After hook`) and where it is (`features/x.feature:12`). */
  stepInfo(pickle, step, index, testSteps) {
    if (step.pickleStepId) {
      const ps = pickle.steps.find((p) => p.id === step.pickleStepId);
      const ast = this.astNodes.get(ps?.astNodeIds?.[0]);
      return {
        label: `${(ast?.keyword ?? '').trim()} ${ps?.text ?? ''}`.trim(),
        where: `${pickle.uri}:${ast?.line ?? '?'}`,
        isHook: false,
      };
    }
    const hook = this.hooks.get(step.hookId);
    const before = hook?.type ? hook.type.startsWith('BEFORE') : testSteps.slice(index).some((s) => s.pickleStepId);
    const src = hook?.sourceReference;
    const name = hook?.name ? ` "${hook.name}"` : '';
    return {
      label: `${before ? 'Before' : 'After'} hook${name}`,
      where: src?.uri ? `${src.uri}:${src.location?.line ?? '?'}` : 'unknown location',
      isHook: true,
    };
  }

  /** One testcase: name, time, the outcome element and the step log. */
  caseOf(pickleId) {
    const pickle = this.pickles.get(pickleId);
    const run = this.finished.get(pickleId);
    const testSteps = run.testCase.testSteps;
    const steps = testSteps.map((step, i) => ({
      ...this.stepInfo(pickle, step, i, testSteps),
      result: run.results.get(step.id) ?? { status: 'UNKNOWN' },
    }));
    let worst;
    for (const s of steps) if (!worst || RANK[s.result.status] > RANK[worst.result.status]) worst = s;
    const status = worst ? worst.result.status : 'PASSED';
    const failed = steps.filter((s) => s.result.status === 'FAILED');
    const at = (s) => `${s.label} (${s.where})`;
    let outcome;
    if (status === 'FAILED') {
      const [first, ...more] = failed;
      const ex = first.result.exception;
      const message = (ex?.message ?? first.result.message ?? '').trim();
      // The stack starts with `Type: message` when it is an Error's: keep only its frames.
      const fullStack = (ex?.stackTrace ?? '').trimEnd();
      const head = `${ex?.type}: ${message}`;
      const stack = fullStack.startsWith(head) ? fullStack.slice(head.length).replace(/^\n/, '') : fullStack;
      const text = [
        at(first),
        message,
        stack ? `\n${stack}` : '',
        ...more.map((s) => `\nalso failed: ${at(s)}\n${(s.result.message ?? '').trim()}`),
      ]
        .filter((t) => t !== '')
        .join('\n');
      outcome = {
        name: 'failure',
        attrs: { type: ex?.type || 'Error', message: message.split('\n')[0] || `failed: ${first.label}` },
        text,
      };
    } else if (status === 'AMBIGUOUS') {
      const reason = `ambiguous step: ${worst.label}`;
      outcome = {
        name: 'error',
        attrs: { type: 'AmbiguousStepDefinition', message: reason },
        text: `${at(worst)}\n${(worst.result.message ?? '').trim()}`.trim(),
      };
    } else if (status === 'UNDEFINED' || status === 'PENDING' || status === 'SKIPPED') {
      // A scenario a backend skipped says why (steps/hooks.ts attaches `skipped on the <backend> backend: …`).
      const why = run.attachments
        .filter((a) => a.mediaType.startsWith('text/'))
        .map((a) => (a.contentEncoding === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body))
        .find((t) => t.startsWith('skipped on the '));
      const reason = status === 'SKIPPED' && why ? why.trim() : `${status.toLowerCase()} step: ${worst.label}`;
      outcome = { name: 'skipped', attrs: { message: reason }, text: `${reason} (${worst.where})` };
    }
    const log = steps
      .filter((s) => !s.isHook || s.result.status !== 'PASSED')
      .map((s) => {
        const label = `${s.label}${s.isHook ? ` (${s.where})` : ''}`;
        return `${label}${'.'.repeat(Math.max(3, 76 - label.length))}${s.result.status.toLowerCase()}`;
      });
    for (const a of run.attachments) {
      if (!a.mediaType.startsWith('text/')) {
        log.push('', `(${a.mediaType} attachment: see the HTML report)`);
        continue;
      }
      const body = a.contentEncoding === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body;
      log.push('', body.replace(/\n$/, ''));
    }
    // A run on a real cluster: the first line of backend-cleanup.txt (steps/lib/kubeconfig-backend.ts) without the namespace.
    const backend = run.attachments
      .filter((a) => a.fileName === 'backend-cleanup.txt')
      .map((a) => (a.contentEncoding === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body))
      .map((t) => t.split('\n')[0].replace(/, namespace \S+$/, ''))[0];
    return {
      pickle,
      backend,
      name: this.caseName(pickle),
      status,
      outcome,
      millis: run.end - run.start,
      start: run.start,
      systemOut: log.join('\n'),
    };
  }

  /** The pickle's name, with the example row's values when the outline's name is the same for every row. */
  caseName(pickle) {
    const ids = pickle.astNodeIds ?? [];
    if (ids.length < 2) return pickle.name;
    const outline = this.astNodes.get(ids[0]);
    const row = this.astNodes.get(ids[ids.length - 1]);
    return outline && row && pickle.name === outline.name && row.values
      ? `${pickle.name} (${row.values})`
      : pickle.name;
  }

  xml(suiteName, host) {
    const byFeature = new Map();
    for (const id of this.pickleOrder) {
      if (!this.finished.has(id)) continue;
      const c = this.caseOf(id);
      const list = byFeature.get(c.pickle.uri) ?? [];
      list.push(c);
      byFeature.set(c.pickle.uri, list);
    }
    const count = (cases, name) => cases.filter((c) => c.outcome?.name === name).length;
    const all = [...byFeature.values()].flat();
    const total =
      this.runStarted !== undefined && this.runFinished !== undefined
        ? this.runFinished - this.runStarted
        : all.reduce((t, c) => t + c.millis, 0);
    const out = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${attrs({ name: suiteName, tests: all.length, failures: count(all, 'failure'), errors: count(all, 'error'), time: seconds(total) })}>`,
    ];
    for (const uri of this.featureOrder) {
      const cases = byFeature.get(uri);
      if (!cases) continue;
      const feature = this.features.get(uri);
      const seen = new Map();
      for (const c of cases) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
      out.push(
        `  <testsuite${attrs({
          name: feature,
          tests: cases.length,
          failures: count(cases, 'failure'),
          errors: count(cases, 'error'),
          skipped: count(cases, 'skipped'),
          time: seconds(cases.reduce((t, c) => t + c.millis, 0)),
          timestamp: new Date(Math.min(...cases.map((c) => c.start))).toISOString().slice(0, 19),
          hostname: host,
          file: uri,
        })}>`,
      );
      const backend = cases.find((c) => c.backend)?.backend;
      if (backend) out.push(`    <properties>${element('property', { name: 'backend', value: backend })}</properties>`);
      for (const c of cases) {
        const name = seen.get(c.name) > 1 ? `${c.name} (line ${c.pickle.location?.line ?? '?'})` : c.name;
        out.push(`    <testcase${attrs({ name, classname: feature, time: seconds(c.millis) })}>`);
        if (c.outcome) out.push(`      ${element(c.outcome.name, c.outcome.attrs, c.outcome.text)}`);
        out.push(`      ${element('system-out', {}, c.systemOut)}`, '    </testcase>');
      }
      out.push('  </testsuite>');
    }
    out.push('</testsuites>', '');
    return out.join('\n');
  }
}

module.exports = {
  type: 'formatter',
  optionsKey: 'junit',
  JunitCollector,
  escapeText,
  escapeAttr,
  formatter({ on, options, write }) {
    const collector = new JunitCollector();
    on('message', (e) => collector.onMessage(e));
    return () => write(collector.xml(options?.suiteName || 'kube-scenarios', hostname() || 'localhost'));
  },
};
