import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_EXPERIMENT_IDS, coverageOf, expectedIds, parseExperimentIds, type ScenarioResult } from './coverage.ts';

const result = (name: string, tags: string[], outcome: ScenarioResult['outcome']): ScenarioResult => ({
  name, feature: 'F', uri: 'f.feature', line: 1, tags, outcome, status: outcome.toUpperCase(), durationMs: 1,
});

test('experiment coverage: the expected IDs are the table rows of experiments.md; without the file, the built-in S01–S10, M01–M03, P01–P11', () => {
  assert.deepEqual(parseExperimentIds('| ID | x |\n|---|---|\n| S01 | a |\n| S02 | b |\n| S01 | again |\ntext | P03 |\n'), ['S01', 'S02']);
  assert.equal(BUILTIN_EXPERIMENT_IDS.length, 24);
  assert.deepEqual(expectedIds('/nonexistent/experiments.md'), { ids: BUILTIN_EXPERIMENT_IDS, source: 'built-in list' });
});

test('experiment coverage: an ID fails when any of its scenarios fails, IDs outside the expected list are still listed, untagged scenarios are counted', () => {
  const c = coverageOf([
    result('a', ['@S01', '@ko'], 'passed'), result('b', ['@S01'], 'failed'), result('c', ['@X99'], 'passed'), result('d', [], 'passed'), result('e', ['@Z01'], 'passed'),
  ], { ids: ['S01', 'S02'], source: 'test' }, /^@([SX]\d{2})$/);
  assert.deepEqual(c.experiments.map((e) => [e.id, e.outcome, e.expected]), [['S01', 'failed', true], ['S02', 'no scenario', true], ['X99', 'passed', false]]);
  assert.deepEqual(c.missing, ['S02']);
  assert.equal(c.untagged, 2);
});
