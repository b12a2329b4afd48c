import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k, testCluster } from './testing.ts';

// Golden outputs printed by kubectl 1.33.1 against `kube-scenarios serve` (apiresources.go).

test('kubectl api-resources: sorted by API group then name, core first; --namespaced=false and --api-group filter', () => {
  const c = testCluster();
  const lines = k(c, 'api-resources').stdout.split('\n');
  assert.equal(lines[0], 'NAME                     SHORTNAMES   APIVERSION             NAMESPACED   KIND');
  assert.equal(lines[1], 'configmaps               cm           v1                     true         ConfigMap');
  // the core group holds the read-only limitranges and resourcequotas of serve too
  assert.equal(lines[3], 'limitranges              limits       v1                     true         LimitRange');
  assert.equal(
    lines[12],
    'controllerrevisions                   apps/v1                true         ControllerRevision',
  );
  assert.equal(lines[13], 'daemonsets               ds           apps/v1                true         DaemonSet');
  assert.equal(lines[17], 'jobs                                  batch/v1               true         Job');
  assert.equal(lines[18], 'endpointslices                        discovery.k8s.io/v1    true         EndpointSlice');
  assert.equal(
    k(c, 'api-resources --no-headers --namespaced=false').stdout,
    'namespaces        ns    v1                     false   Namespace\n' +
      'nodes             no    v1                     false   Node\n' +
      'priorityclasses   pc    scheduling.k8s.io/v1   false   PriorityClass\n',
  );
  // a filter that keeps nothing still prints the header
  assert.equal(
    k(c, 'api-resources --namespaced=false --api-group=apps').stdout,
    'NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n',
  );
});

test('kubectl api-resources -o wide adds VERBS and CATEGORIES (an empty last cell leaves the padding); -o name is plural.group', () => {
  const c = testCluster();
  assert.equal(
    k(c, 'api-resources -o wide --no-headers --api-group=policy').stdout,
    'poddisruptionbudgets   pdb   policy/v1   true   PodDisruptionBudget   create,delete,deletecollection,get,list,patch,update,watch   \n',
  );
  const names = k(c, 'api-resources --sort-by=kind -o name').stdout.split('\n');
  assert.deepEqual(names.slice(0, 5), [
    'configmaps',
    'controllerrevisions.apps',
    'daemonsets.apps',
    'deployments.apps',
    'endpointslices.discovery.k8s.io',
  ]);
  assert.equal(k(c, 'api-resources --categories=all -o name').stdout.split('\n').length, 9);
});

test('kubectl api-resources: unexpected arguments, an unavailable -o, a bad --sort-by', () => {
  const c = testCluster();
  assert.equal(
    k(c, 'api-resources foo').stderr,
    "error: unexpected arguments: [foo]\nSee 'kubectl api-resources -h' for help and examples\n",
  );
  assert.equal(k(c, 'api-resources -o yaml').stderr, 'error: --output yaml is not available\n');
  assert.equal(k(c, 'api-resources --sort-by=x').stderr, 'error: --sort-by accepts only name or kind\n');
});
