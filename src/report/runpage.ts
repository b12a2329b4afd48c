// The run page (reports/index.html): the first screen of a run's report answers "did it pass,
// which experiments failed, why". A banner says PASSED or FAILED with the counts and the failing
// experiment IDs; the failures come first, grouped by experiment ID, each with its failing step,
// the assertion's message (the scheduler's reasons) and the placement picture beside it; the
// passing scenarios follow, grouped the same way, each one click (a <details>) away from its
// picture and the scheduler's per-plugin scores. It links to cucumber's own HTML report, the
// experiment coverage page and the JUnit file. Built from the results of src/report/run.ts.

import type { Coverage } from './coverage.ts';
import { firstLine, scenarioAnchor, type Attachment, type ScenarioResult } from './run.ts';

export interface RunPageOptions {
  /** Pages and files the header links to, relative to the page; a missing one is not linked. */
  links?: { cucumber?: string; experiments?: string; junit?: string };
  /** When the run happened (shown in the banner). */
  finishedAt?: Date;
}

/** Lines of a failure message shown before "… N more lines" (the rest is one click away). */
export const MESSAGE_LINES = 40;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A picture attachment: our own SVG inline (its <title>s show on hover), anything else as an image. */
function picture(a: Attachment): string {
  const caption = `<figcaption>${esc(a.fileName ?? a.mediaType)} — the cluster at the end of the scenario</figcaption>`;
  if (a.mediaType === 'image/svg+xml' && a.body.startsWith('<svg') && !/<script|\son\w+=/i.test(a.body))
    return `<figure class="picture">${caption}${a.body}</figure>`;
  const data = a.base64 ? a.body : Buffer.from(a.body, 'utf8').toString('base64');
  return `<figure class="picture">${caption}<img alt="${esc(a.fileName ?? 'picture')}" src="data:${esc(a.mediaType)};base64,${data}"></figure>`;
}

function texts(attachments: Attachment[], open: boolean): string {
  return attachments
    .filter((a) => a.mediaType.startsWith('text/'))
    .map(
      (a) =>
        `<details class="text"${open ? ' open' : ''}><summary>${esc(a.fileName ?? 'attached text')}</summary><pre>${esc(a.body)}</pre></details>`,
    )
    .join('');
}

function messageBlock(message: string): string {
  const lines = message.replace(/\n+$/, '').split('\n');
  if (lines.length <= MESSAGE_LINES) return `<pre class="message">${esc(lines.join('\n'))}</pre>`;
  return `<pre class="message">${esc(lines.slice(0, MESSAGE_LINES).join('\n'))}</pre><details class="text"><summary>${lines.length - MESSAGE_LINES} more lines of the message</summary><pre class="message">${esc(lines.slice(MESSAGE_LINES).join('\n'))}</pre></details>`;
}

function failedCard(r: ScenarioResult): string {
  const atts = r.attachments ?? [];
  const pics = atts.filter((a) => a.mediaType.startsWith('image/'));
  const f = r.failure;
  const step = f
    ? `<p class="step">${r.status === 'FAILED' ? 'Failed' : esc(r.status.toLowerCase())} step: <code>${esc(f.step)}</code>${f.line ? ` <span class="where">line ${f.line}</span>` : ''}</p>`
    : `<p class="step">${esc(r.status.toLowerCase())}</p>`;
  return `<article class="scenario failed" id="${scenarioAnchor(r)}">
<h4><span class="icon">✖</span> ${esc(r.name)} <span class="where">${esc(r.uri)}:${r.line}</span></h4>
${step}<div class="why">${f ? messageBlock(f.message) : ''}${pics.map(picture).join('')}</div>${texts(atts, false)}
</article>`;
}

function passedCard(r: ScenarioResult): string {
  const atts = r.attachments ?? [];
  const scores = atts.some((a) => a.fileName === 'scheduler-scores.txt') ? ' · scores' : '';
  // (a real-cluster run has no placement picture)
  const pictured = atts.some((a) => a.mediaType.startsWith('image/')) ? ' · picture' : '';
  const icon = r.outcome === 'skipped' ? '⏭' : '✔';
  return `<details class="scenario ${r.outcome}" id="${scenarioAnchor(r)}"><summary><span class="icon">${icon}</span> ${esc(r.name)} <span class="where">${esc(r.uri)}:${r.line}${pictured}${scores}</span></summary>
<div class="why">${texts(atts, true)}${atts
    .filter((a) => a.mediaType.startsWith('image/'))
    .map(picture)
    .join('')}</div></details>`;
}

interface Group {
  id: string;
  title: string;
  scenarios: ScenarioResult[];
}

/** Scenarios by experiment ID in the coverage's order; a scenario with several IDs is under each; untagged ones last. */
function groups(c: Coverage, results: ScenarioResult[], keep: (r: ScenarioResult) => boolean): Group[] {
  const out: Group[] = [];
  const tagged = new Set<ScenarioResult>();
  for (const e of c.experiments) {
    for (const s of e.scenarios) tagged.add(s);
    const scenarios = e.scenarios.filter(keep);
    if (scenarios.length) out.push({ id: e.id, title: e.title, scenarios });
  }
  const rest = results.filter((r) => !tagged.has(r) && keep(r));
  if (rest.length) out.push({ id: '', title: 'no experiment tag', scenarios: rest });
  return out;
}

function groupHead(g: Group, of: number, what: string): string {
  return `<h3 class="experiment">${g.id ? `<span class="id">${esc(g.id)}</span> ` : ''}${esc(g.title)} <span class="count">${g.scenarios.length}${of ? ` of ${of}` : ''} ${what}</span></h3>`;
}

/** The text attachments of the run's scenarios with that file name (steps/hooks.ts writes them). */
function attached(results: ScenarioResult[], fileName: string): Array<{ r: ScenarioResult; text: string }> {
  return results.flatMap((r) =>
    (r.attachments ?? []).filter((a) => a.fileName === fileName).map((a) => ({ r, text: a.body.trim() })),
  );
}

/**
 * A run on a real cluster says so: the backend, context and server from the scenarios'
 * backend-cleanup.txt (`kubeconfig backend, context …, server …, namespace …`: steps/lib/kubeconfig-backend.ts),
 * and the scenarios skipped there, each with its reason (skip-reason.txt).
 */
function backendSection(results: ScenarioResult[]): { line: string; skipped: string } {
  const backends = [
    ...new Set(
      attached(results, 'backend-cleanup.txt').map((a) => a.text.split('\n')[0].replace(/, namespace \S+$/, '')),
    ),
  ];
  const reasons = attached(results, 'skip-reason.txt');
  const line = backends.length ? `<p class="backend">Backend: ${backends.map(esc).join('; ')}</p>` : '';
  const skipped = reasons.length
    ? `<h2>Skipped on this backend (${reasons.length})</h2><ul class="summary">${reasons
        .map(
          ({ r, text }) =>
            `<li><a href="#${scenarioAnchor(r)}">${esc(r.name)}</a> <span class="where">${esc(r.uri)}:${r.line}</span>: ${esc(text)}</li>`,
        )
        .join('')}</ul>`
    : '';
  return { line, skipped };
}

export function runPageHtml(c: Coverage, results: ScenarioResult[], opts: RunPageOptions = {}): string {
  const backend = backendSection(results);
  const failed = results.filter((r) => r.outcome === 'failed');
  const passed = results.filter((r) => r.outcome === 'passed');
  const skipped = results.filter((r) => r.outcome === 'skipped');
  const ok = failed.length === 0 && results.length > 0 && passed.length > 0;
  const failingIds = c.experiments.filter((e) => e.outcome === 'failed');
  const links = opts.links ?? {};
  const linkList = [
    links.cucumber ? `<a href="${esc(links.cucumber)}">cucumber report (every step)</a>` : '',
    links.experiments ? `<a href="${esc(links.experiments)}">experiment coverage</a>` : '',
    links.junit ? `<a href="${esc(links.junit)}">JUnit XML</a>` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const verdict = ok
    ? `✔ PASSED — all ${passed.length} scenario(s) passed${skipped.length ? `, ${skipped.length} skipped` : ''}`
    : results.length === 0
      ? '✖ FAILED — no scenario ran'
      : `✖ FAILED — ${failed.length} of ${results.length} scenario(s) failed`;
  const idsLine = failingIds.length
    ? `<p class="ids">Failing experiments: ${failingIds.map((e) => `<a href="#exp-failed-${esc(e.id)}"><b>${esc(e.id)}</b>${e.title ? ` ${esc(e.title)}` : ''}</a>`).join(' · ')}</p>`
    : '';
  const byIdFailed = new Map(c.experiments.map((e) => [e.id, e.scenarios.length]));
  const failures = groups(c, results, (r) => r.outcome === 'failed')
    .map(
      (g) =>
        `<section class="group" id="exp-failed-${esc(g.id || 'untagged')}">${groupHead(g, g.id ? (byIdFailed.get(g.id) ?? 0) : 0, 'failed')}${g.scenarios.map(failedCard).join('\n')}</section>`,
    )
    .join('\n');
  const passes = groups(c, results, (r) => r.outcome !== 'failed')
    .map(
      (g) => `<section class="group">${groupHead(g, 0, 'passed')}${g.scenarios.map(passedCard).join('\n')}</section>`,
    )
    .join('\n');
  const summaryRows = failed
    .map(
      (r) =>
        `<li><a href="#${scenarioAnchor(r)}">${esc(r.name)}</a>: <span class="reason">${esc(r.failure ? firstLine(r.failure.message) : r.status.toLowerCase())}</span></li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${ok ? 'PASSED' : 'FAILED'} — kube-scenarios run</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:1em 1.5em;color:#fff}header.fail{background:#b00020}header.pass{background:#1b7a1b}
header h1{margin:0;font-size:1.8em}header p{margin:.3em 0 0}header a{color:#fff}
main{padding:0 1.5em 2em}h2{margin:1em 0 .4em}h3.experiment{margin:.8em 0 .3em;border-bottom:2px solid #ccc;padding-bottom:.2em}
h3 .id{background:#333;color:#fff;border-radius:3px;padding:0 .3em}h3 .count{font-weight:normal;color:#777;font-size:.8em}
ul.summary{margin:.3em 0;padding-left:1.2em}ul.summary .reason{color:#b00020}
article.failed{background:#fff;border:1px solid #e4b4bb;border-left:6px solid #b00020;border-radius:4px;padding:.4em .8em;margin:.5em 0}
article h4{margin:.2em 0;font-size:1.1em}.icon{color:#b00020}.passed .icon{color:#1b7a1b}.where{color:#777;font-size:.85em;font-weight:normal}
p.step{margin:.2em 0}code{background:#f3f3f3;padding:0 .2em}
.why{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}
pre.message{flex:1 1 34em;max-height:26em;overflow:auto;background:#fff5f6;border:1px solid #f0c8ce;padding:.5em;margin:.3em 0;font-size:.82em;white-space:pre}
figure.picture{flex:1 1 30em;margin:.3em 0;max-height:30em;overflow:auto;border:1px solid #ddd;background:#fff}
figure.picture figcaption{font-size:.8em;color:#555;padding:.2em .4em;background:#f3f3f3}
figure.picture svg,figure.picture img{max-width:100%;height:auto;display:block}
details.scenario{background:#fff;border:1px solid #ddd;border-radius:4px;margin:.3em 0;padding:.3em .6em}
details.text{margin:.3em 0}details.text pre{font-size:.8em;overflow:auto;max-height:24em;background:#f7f7f7;padding:.4em}
summary{cursor:pointer}
</style></head><body>
<header class="${ok ? 'pass' : 'fail'}"><h1>${verdict}</h1>
<p>${passed.length} passed, ${failed.length} failed, ${skipped.length} skipped${opts.finishedAt ? ` · finished ${esc(opts.finishedAt.toISOString())}` : ''}${linkList ? ` · ${linkList}` : ''}</p>
${idsLine}${backend.line}</header>
<main>
${failed.length ? `<h2>Failures (${failed.length})</h2><ul class="summary">${summaryRows}</ul>\n${failures}` : ''}
${backend.skipped}
<h2>Passed (${passed.length})${skipped.length ? ` and skipped (${skipped.length})` : ''} — open a scenario for its picture and the scheduler's scores</h2>
${passes}
</main></body></html>
`;
}
