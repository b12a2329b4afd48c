import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultedArgs } from '../pluginargs.ts';
import { DEFAULT_PREEMPTION_ARGS } from './defaultpreemption.ts';

test('DefaultPreemptionArgs defaults (SetDefaults_DefaultPreemptionArgs): minCandidateNodesPercentage 10, minCandidateNodesAbsolute 100', () => {
  assert.deepEqual(defaultedArgs(DEFAULT_PREEMPTION_ARGS, undefined), {
    minCandidateNodesPercentage: 10,
    minCandidateNodesAbsolute: 100,
  });
});
