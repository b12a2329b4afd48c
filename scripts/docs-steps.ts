// Generates docs/steps.md, the step reference, from the step definitions themselves: every
// `Given|When|Then('pattern', handler)` in steps/*.ts with the `/** … */` comment right above it
// (a description, then `@example` lines), every `defineParameterType` with the comment above it,
// and each file's header comment as the introduction of its section. Korean steps
// (steps/ko.steps.ts) register the English steps' handlers, so they are listed beside the English
// step with the same handler. Every example is checked with cucumber-expressions: it must match
// its own step and no other one, as cucumber would match it. Whether a step works on a real cluster
// (the kubeconfig backend) comes from the code too: a handler registered through, or declared as,
// `simulatorOnly(NEEDS.<key>, …)` (steps/lib/portability.ts) is simulator-only, with that reason.
// `npm run docs:steps` writes the file; test/docs.test.ts fails when it is stale.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';
import { slug } from 'github-slugger';
import { NEEDS } from '../steps/lib/portability.ts';

/** The sections of the reference, in order: one per step file. A new step file needs a line here. */
export const SECTIONS: ReadonlyArray<{ file: string; title: string }> = [
  { file: 'cluster.steps.ts', title: 'The cluster and the clock' },
  { file: 'kubectl.steps.ts', title: 'kubectl and its output' },
  { file: 'placement.steps.ts', title: 'Where pods run, and their phase' },
  { file: 'scheduler.steps.ts', title: "The scheduler's reasons" },
  { file: 'explain.steps.ts', title: 'Explaining a decision' },
  { file: 'nodes.steps.ts', title: 'Nodes' },
  { file: 'lifecycle.steps.ts', title: 'Pod lifecycle, containers and node runtimes' },
  { file: 'nodefailure.steps.ts', title: 'A node whose kubelet stops' },
  { file: 'owncluster.steps.ts', title: 'Your own cluster' },
  { file: 'ko.steps.ts', title: 'Korean steps (한국어)' },
];

const KOREAN_FILE = 'ko.steps.ts';
const STEP_FUNCTIONS = new Set(['Given', 'When', 'Then']);

export interface StepDoc {
  file: string;
  line: number;
  keyword: string;
  pattern: string;
  /** The handler's identity: the function name, or the step function an inline adapter calls. */
  handler?: string;
  description: string;
  examples: string[];
  /** Why the step needs the simulator (it skips the scenario on a real cluster); undefined: it works on both. */
  simulatorOnly?: string;
}

export interface ParamDoc {
  file: string;
  name: string;
  regexps: RegExp[];
  description: string;
}

export class StepDocError extends Error {}

function where(file: string, sf: ts.SourceFile, node: ts.Node): string {
  return `steps/${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
}

/** The `/** … *\/` comment directly above `node` (nothing but whitespace between), split into text and @example lines. */
function docComment(sf: ts.SourceFile, node: ts.Node): { description: string; examples: string[] } | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = ranges.at(-1);
  if (!last || !sf.text.startsWith('/**', last.pos)) return undefined;
  if (sf.text.slice(last.end, node.getStart(sf)).trim() !== '') return undefined;
  const body = sf.text
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((l) => l.replace(/^\s*(\* ?)?/, '').trimEnd());
  const [text, ...exampleBlocks] = body.join('\n').split(/^@example\b/m);
  const description = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  const examples = exampleBlocks.map((b) => b.trim().split('\n')[0].trim()).filter(Boolean);
  return { description, examples };
}

/** The top-of-file `//` comment block, joined into one paragraph. */
function headerComment(text: string): string {
  const lines: string[] = [];
  for (const l of text.split('\n')) {
    if (!l.startsWith('//')) break;
    lines.push(l.replace(/^\/\/ ?/, ''));
  }
  return lines.join(' ').trim();
}

/** `simulatorOnly(NEEDS.key, handler)`: the reason (NEEDS[key]) and the handler; undefined for anything else. */
function simulatorOnlyCall(
  sf: ts.SourceFile,
  file: string,
  e: ts.Expression | undefined,
): { reason: string; handler: ts.Expression | undefined } | undefined {
  if (!e || !ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'simulatorOnly')
    return undefined;
  const r = e.arguments[0];
  const key =
    r && ts.isPropertyAccessExpression(r) && ts.isIdentifier(r.expression) && r.expression.text === 'NEEDS'
      ? r.name.text
      : undefined;
  const reason = key === undefined ? undefined : (NEEDS as Record<string, string>)[key];
  if (reason === undefined)
    throw new StepDocError(
      `${where(file, sf, e)}: simulatorOnly takes its reason as NEEDS.<key> (steps/lib/portability.ts)`,
    );
  return { reason, handler: e.arguments[1] };
}

function handlerOf(arg: ts.Expression | undefined): string | undefined {
  if (!arg) return undefined;
  if (ts.isIdentifier(arg)) return arg.text;
  if (ts.isCallExpression(arg) && ts.isIdentifier(arg.expression) && arg.expression.text === 'simulatorOnly')
    return handlerOf(arg.arguments[1]);
  if (ts.isFunctionExpression(arg) || ts.isArrowFunction(arg)) {
    // An adapter that reorders arguments: `function (…) { handler.call(this, …); }`.
    let found: string | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === 'call' &&
        ts.isIdentifier(n.expression.expression)
      )
        found = n.expression.expression.text;
      else ts.forEachChild(n, visit);
    };
    visit(arg.body);
    return found;
  }
  return undefined;
}

function stringArg(arg: ts.Expression | undefined): string | undefined {
  return arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : undefined;
}

/** Every step and parameter type declared in steps/*.ts, in source order. */
export function collect(stepsDir: string): { steps: StepDoc[]; params: ParamDoc[]; headers: Map<string, string> } {
  const steps: StepDoc[] = [];
  const params: ParamDoc[] = [];
  const headers = new Map<string, string>();
  /** Handlers declared `const name = simulatorOnly(NEEDS.key, …)`, in any step file: name → reason. */
  const simulatorOnlyHandlers = new Map<string, string>();
  const files = readdirSync(stepsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const sources = files.map((file) => {
    const text = readFileSync(join(stepsDir, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2023, true);
    for (const statement of sf.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) {
        const call = simulatorOnlyCall(sf, file, d.initializer);
        if (call && ts.isIdentifier(d.name)) simulatorOnlyHandlers.set(d.name.text, call.reason);
      }
    }
    return { file, text, sf };
  });
  for (const { file, text, sf } of sources) {
    headers.set(file, headerComment(text));
    for (const statement of sf.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
      const call = statement.expression;
      if (!ts.isIdentifier(call.expression)) continue;
      const fn = call.expression.text;
      const doc = docComment(sf, statement);
      if (STEP_FUNCTIONS.has(fn)) {
        const pattern = stringArg(call.arguments[0]);
        if (pattern === undefined)
          throw new StepDocError(
            `${where(file, sf, call)}: the step pattern must be a string literal (a Cucumber Expression) so the reference can show it`,
          );
        const handler = handlerOf(call.arguments.at(-1));
        const inline = simulatorOnlyCall(sf, file, call.arguments.at(-1));
        const simulatorOnly = inline?.reason ?? (handler ? simulatorOnlyHandlers.get(handler) : undefined);
        if (!doc?.description && file !== KOREAN_FILE) {
          throw new StepDocError(
            `${where(file, sf, call)}: the step "${pattern}" has no description: put a /** … */ comment right above it saying what it does, with an @example line`,
          );
        }
        steps.push({
          file,
          line: sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1,
          keyword: fn,
          pattern,
          handler,
          description: doc?.description ?? '',
          examples: doc?.examples ?? [],
          ...(simulatorOnly ? { simulatorOnly } : {}),
        });
      } else if (fn === 'defineParameterType') {
        const obj = call.arguments[0];
        if (!obj || !ts.isObjectLiteralExpression(obj)) continue;
        const prop = (name: string) =>
          obj.properties.find(
            (p): p is ts.PropertyAssignment =>
              ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
          )?.initializer;
        const name = stringArg(prop('name'));
        const re = prop('regexp');
        if (!name || !re)
          throw new StepDocError(`${where(file, sf, call)}: defineParameterType needs a literal name and regexp`);
        const literals = ts.isArrayLiteralExpression(re) ? [...re.elements] : [re];
        const regexps = literals.map((r) => {
          if (!ts.isRegularExpressionLiteral(r))
            throw new StepDocError(
              `${where(file, sf, r)}: the regexp of {${name}} must be a regular expression literal`,
            );
          const m = /^\/(.*)\/([a-z]*)$/s.exec(r.text)!;
          return new RegExp(m[1], m[2]);
        });
        if (!doc?.description)
          throw new StepDocError(
            `${where(file, sf, call)}: the parameter type {${name}} has no description: put a /** … */ comment right above it`,
          );
        params.push({ file, name, regexps, description: doc.description });
      }
    }
  }
  return { steps, params, headers };
}

/** Checks every example: it matches its own step's expression and no other step's. */
function checkExamples(steps: StepDoc[], params: ParamDoc[]): void {
  const registry = new ParameterTypeRegistry();
  for (const p of params)
    registry.defineParameterType(
      new ParameterType(p.name, p.regexps, null, (...s: (string | null)[]) => s[0], false, false),
    );
  const expressions = steps.map((s) => new CucumberExpression(s.pattern, registry));
  steps.forEach((s, i) => {
    for (const example of s.examples) {
      const text = example.replace(/^(Given|When|Then|And|But|조건|만일|그러면|그리고|하지만) /, '');
      if (!expressions[i].match(text))
        throw new StepDocError(
          `steps/${s.file}:${s.line}: the @example "${example}" does not match the step "${s.pattern}"`,
        );
      const others = steps.filter((_o, j) => j !== i && expressions[j].match(text));
      if (others.length)
        throw new StepDocError(
          `steps/${s.file}:${s.line}: the @example "${example}" also matches ${others.map((o) => `"${o.pattern}" (steps/${o.file}:${o.line})`).join(', ')}: cucumber would call it ambiguous`,
        );
    }
  });
}

/** The *Real cluster* cell: yes, or no with the reason. */
const realCell = (simulatorOnly: string | undefined) => (simulatorOnly ? `no: it ${cell(simulatorOnly)}` : 'yes');

/** Text for a markdown table cell: pipes escaped, no line breaks. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

export function renderStepReference(root: string): string {
  const stepsDir = join(root, 'steps');
  const { steps, params, headers } = collect(stepsDir);
  const listed = new Set(SECTIONS.map((s) => s.file));
  for (const file of new Set(steps.map((s) => s.file))) {
    if (!listed.has(file))
      throw new StepDocError(
        `steps/${file} is not a section of the step reference: add it to SECTIONS in scripts/docs-steps.ts`,
      );
  }
  checkExamples(steps, params);
  const english = steps.filter((s) => s.file !== KOREAN_FILE);
  const out: string[] = [
    '# Step reference',
    '',
    '<!-- Generated by `npm run docs:steps` (scripts/docs-steps.ts) from the step definitions in steps/*.ts: edit those, not this file. -->',
    '',
    `Every step the package defines: ${english.length} English steps and ${steps.length - english.length} Korean phrasings of them.`,
    'Each row gives the step as a [Cucumber Expression](https://github.com/cucumber/cucumber-expressions#readme)',
    '(`{int}` a number, `{string}` text in double quotes, `(s)` an optional `s`, `is/are` either word), an example, and what it does or when it passes.',
    'Keywords (`Given`, `When`, `Then`, `And`, `But`) do not take part in matching: the keyword shown is the one the step is meant for.',
    'How to write and run scenarios with them: [scenarios.md](scenarios.md).',
    'The column *Real cluster* says whether the step works on a real cluster (the kubeconfig backend, [real-cluster.md](real-cluster.md)):',
    'a simulator-only step skips the scenario there, with the reason shown in every report.',
    '',
    '## Contents',
    '',
    '- [Parameter types](#parameter-types)',
    ...SECTIONS.map((s) => `- [${s.title}](#${slug(s.title)})`),
    '',
    '## Parameter types',
    '',
    'Arguments in these shapes are checked: a value of the wrong shape fails the step with a message saying what is wrong and what is expected.',
    '',
    '| Parameter | Meaning | Defined in |',
    '|---|---|---|',
    ...[...params]
      .sort((a, b) => Number(b.file === 'params.ts') - Number(a.file === 'params.ts'))
      .map((p) => {
        const used = steps.some((st) => st.pattern.includes(`{${p.name}}`));
        return `| \`{${p.name}}\` | ${cell(p.description)}${used ? '' : ' (no step uses it yet)'} | steps/${p.file} |`;
      }),
    '',
  ];
  for (const section of SECTIONS) {
    out.push(`## ${section.title}`, '', `${headers.get(section.file) ?? ''} (steps/${section.file})`.trim(), '');
    const own = steps.filter((s) => s.file === section.file);
    if (section.file === KOREAN_FILE) {
      out.push('| 한국어 | English step | Example | Real cluster |', '|---|---|---|---|');
      for (const s of own) {
        const same = english.filter((e) => e.handler !== undefined && e.handler === s.handler);
        if (same.length === 0)
          throw new StepDocError(
            `steps/${s.file}:${s.line}: the Korean step "${s.pattern}" calls ${s.handler ?? 'an inline function'}, which no English step registers: register an English step's handler (or call it with .call(this, …))`,
          );
        const only = s.simulatorOnly ?? same.find((e) => e.simulatorOnly)?.simulatorOnly;
        out.push(
          `| ${code(cell(s.pattern))} | ${same.map((e) => code(cell(`${e.keyword} ${e.pattern}`))).join('<br>')} | ${s.examples.map((x) => code(cell(x))).join('<br>')} | ${realCell(only)} |`,
        );
      }
    } else {
      out.push('| Step | What it does | Real cluster |', '|---|---|---|');
      for (const s of own) {
        const examples = s.examples
          .filter((x) => x !== `${s.keyword} ${s.pattern}`)
          .map((x) => `<br>e.g. ${code(cell(x))}`)
          .join('');
        out.push(
          `| ${code(cell(`${s.keyword} ${s.pattern}`))}${examples} | ${cell(s.description)} | ${realCell(s.simulatorOnly)} |`,
        );
      }
    }
    out.push('');
  }
  return out.join('\n');
}

export const STEPS_DOC = 'docs/steps.md';

if (require.main === module) {
  const root = join(__dirname, '..');
  try {
    writeFileSync(join(root, STEPS_DOC), renderStepReference(root));
    console.log(`wrote ${STEPS_DOC}`);
  } catch (e) {
    if (!(e instanceof StepDocError)) throw e;
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
}
