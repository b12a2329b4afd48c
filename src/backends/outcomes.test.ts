import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareOutcomes, outcomesOf, renderComparison, scenariosWithStep } from './outcomes.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const report = (statuses: Record<number, string[]>, skipReason?: string) => [
  {
    uri: 'features/a.feature',
    elements: Object.entries(statuses).map(([line, steps]) => ({
      type: 'scenario',
      name: `scenario ${line}`,
      line: Number(line),
      before: [{ result: { status: 'passed' } }],
      steps: steps.map((status, i) => ({
        result: { status, ...(status === 'failed' ? { error_message: 'AssertionError: expected\nmore' } : {}) },
        ...(skipReason && status === 'skipped' && i === steps.indexOf('skipped')
          ? { embeddings: [{ mime_type: 'text/plain', data: b64(skipReason) }] }
          : {}),
      })),
    })),
  },
];

test("a scenario's outcome is its worst step (failed > skipped > passed, as plain-summary counts)", () => {
  const o = outcomesOf(
    report({ 3: ['passed', 'passed'], 9: ['passed', 'failed', 'skipped'], 12: ['passed', 'skipped'] }),
  );
  assert.deepEqual(
    o.map((s) => [s.id, s.outcome, s.detail]),
    [
      ['features/a.feature:3', 'passed', undefined],
      ['features/a.feature:9', 'failed', 'AssertionError: expected'],
      ['features/a.feature:12', 'skipped', undefined],
    ],
  );
});

test('a skipped scenario carries the reason of its skip-reason attachment (base64 in the JSON report)', () => {
  const [s] = outcomesOf(
    report({ 5: ['passed', 'skipped', 'skipped'] }, 'skipped on the kubeconfig backend: simulator-only step'),
  );
  assert.equal(s.detail, 'skipped on the kubeconfig backend: simulator-only step');
});

test('comparison: same outcomes, differences, scenarios skipped on the real cluster, and ones in one run only', () => {
  const sim = outcomesOf(report({ 1: ['passed'], 2: ['passed'], 3: ['passed'], 4: ['passed'] }));
  const real = outcomesOf(
    report({ 1: ['passed'], 2: ['failed'], 3: ['skipped'], 7: ['passed'] }, 'skipped on the kubeconfig backend: why'),
  );
  const c = compareOutcomes(sim, real);
  assert.deepEqual(
    c.same.map((s) => s.id),
    ['features/a.feature:1'],
  );
  assert.deepEqual(
    c.differ.map((d) => [d.id, d.simulator, d.outcome]),
    [['features/a.feature:2', 'passed', 'failed']],
  );
  assert.deepEqual(
    c.skipped.map((s) => [s.id, s.detail]),
    [['features/a.feature:3', 'skipped on the kubeconfig backend: why']],
  );
  assert.deepEqual(c.missing, [
    'features/a.feature:7 (only in the real run)',
    "features/a.feature:4 (only in the simulator's run)",
  ]);
  const page = renderComparison(c, 'backend: kubeconfig');
  assert.match(page, /same outcome: 1, different: 1, skipped on the real cluster: 1, in one run only: 2/);
  assert.match(page, /\(simulator: passed, real: failed\)/);
});

test('scenariosWithStep: the scenarios a step text names (those that build their own nodes, say)', () => {
  const r = [
    {
      uri: 'features/a.feature',
      elements: [
        { type: 'background', line: 2, steps: [{ name: 'a cluster with nodes:' }] },
        { type: 'scenario', line: 5, steps: [{ name: 'the lab cluster' }, { name: 'I run "kubectl get pods"' }] },
        { type: 'scenario', line: 9, steps: [{ name: 'a cluster with nodes:' }] },
        { type: 'scenario', line: 14, steps: [{ name: 'the nodes from "small.yaml"' }] },
      ],
    },
  ];
  assert.deepEqual(scenariosWithStep(r, [/^a cluster with nodes:$/, /^the nodes from "/]), [
    'features/a.feature:9',
    'features/a.feature:14',
  ]);
});
