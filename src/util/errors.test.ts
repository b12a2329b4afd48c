import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotSupportedError, UserError } from './errors.ts';

test('user errors carry no JavaScript stack frames: what cucumber prints under a failed step is the message alone', () => {
  assert.equal(new UserError('invalid taint "gpu=true"').stack, 'UserError: invalid taint "gpu=true"');
  assert.equal(new NotSupportedError('kubectl foo').stack, 'NotSupportedError: not supported yet: kubectl foo');
  assert.match(new Error('bug').stack ?? '', /\n\s+at /);
});
