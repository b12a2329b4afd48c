import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invalid, required } from '../api/fielderrors.ts';
import { alreadyExists, invalidObject, notFound } from '../store/errors.ts';
import { Aggregate, FlagError, parseFlags, renderError, UsageError } from './flags.ts';
import { UserError } from '../util/errors.ts';

test('kubectl CheckErr rendering: API status errors as "Error from server (Reason): message"', () => {
  assert.equal(renderError(notFound('Pod', 'x')), 'Error from server (NotFound): pods "x" not found\n');
  assert.equal(
    renderError(alreadyExists('Deployment', 'web')),
    'Error from server (AlreadyExists): deployments.apps "web" already exists\n',
  );
});

test('kubectl CheckErr rendering: Invalid uses the status details — one cause inline, several as a "* " list', () => {
  assert.equal(
    renderError(invalidObject('Pod', 'x', [required('spec.containers')])),
    'The Pod "x" is invalid: spec.containers: Required value\n',
  );
  assert.equal(
    renderError(invalidObject('Pod', 'x', [required('spec.containers'), invalid('metadata.name', 'X', 'bad')])),
    'The Pod "x" is invalid: \n* spec.containers: Required value\n* metadata.name: Invalid value: "X": bad\n',
  );
});

test('kubectl CheckErr rendering: usage errors add the -h hint, flag errors the --help hint, aggregates print bare lines', () => {
  assert.equal(
    renderError(new UsageError('bad', 'kubectl taint')),
    "error: bad\nSee 'kubectl taint -h' for help and examples\n",
  );
  assert.equal(
    renderError(new FlagError('unknown flag: --x', 'kubectl get')),
    "error: unknown flag: --x\nSee 'kubectl get --help' for usage.\n",
  );
  assert.equal(renderError(new Aggregate(['a', 'b'])), 'a\nb\n');
  assert.equal(renderError(new Aggregate(['a'])), 'error: a\n');
  assert.equal(renderError(new UserError('error: already prefixed')), 'error: already prefixed\n');
});

test('pflag parsing: --k=v, --k v, -k v, -kv, combined bool shorthands, repeated array flags, -- ends flags', () => {
  const specs = [
    { name: 'output', short: 'o', type: 'string' as const, default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool' as const },
    { name: 'env', type: 'array' as const },
    { name: 'replicas', type: 'int' as const, default: -1 },
  ];
  const p = parseFlags(
    ['get', '-Aowide', '--env', 'A=1', '--env=B=2', '--replicas=3', 'pods', '--', '-x'],
    specs,
    'kubectl get',
  );
  assert.equal(p.flags.output, 'wide');
  assert.equal(p.flags['all-namespaces'], true);
  assert.deepEqual(p.flags.env, ['A=1', 'B=2']);
  assert.equal(p.flags.replicas, 3);
  assert.deepEqual(p.positional, ['get', 'pods', '-x']);
  assert.deepEqual(p.dashArgs, ['-x']);
  assert.throws(
    () => parseFlags(['--replicas=x'], specs, 'kubectl scale'),
    /invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax/,
  );
  assert.throws(() => parseFlags(['-o'], specs, 'kubectl get'), /flag needs an argument: 'o' in -o/);
});
