import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKubectl } from './kubectl.ts';
import { JsonPath } from './jsonpath.ts';
import { testCluster } from './testing.ts';

// What kubectl 1.33.1 printed for these command lines (client-side dry runs: the output depends
// on nothing but kubectl itself), captured against a read-only stub API server.
const GOLDEN: { args: string[]; stdout: string; stderr: string; exitCode: number }[] = [
  {
    args: [
      'run',
      'web',
      '--image=nginx:1.27',
      '--labels=app=web,tier=front',
      '--env=A=1',
      '--env=B=2',
      '--port=80',
      '--dry-run=client',
      '-o',
      'jsonpath={.metadata.name} {.spec.containers[0].image}{"\\n"}',
    ],
    stdout: 'web nginx:1.27\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'run',
      'web',
      '--image=nginx',
      '--labels=app=web,tier=front',
      '--dry-run=client',
      '-o',
      "jsonpath={.metadata.labels}|{.metadata.labels.*}|{.metadata.labels['app']}|{.metadata.labels.app,tier}",
    ],
    stdout: '',
    stderr:
      "error: error parsing jsonpath {.metadata.labels}|{.metadata.labels.*}|{.metadata.labels['app']}|{.metadata.labels.app,tier}, unrecognized character in action: U+002C ','\n",
    exitCode: 1,
  },
  {
    args: [
      'run',
      'web',
      '--image=nginx',
      '--env=A=1',
      '--env=B=2',
      '--env=C=3',
      '--dry-run=client',
      '-o',
      'jsonpath={range .spec.containers[0].env[*]}{.name}={.value};{end}',
    ],
    stdout: 'A=1;B=2;C=3;',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'run',
      'web',
      '--image=nginx',
      '--env=A=1',
      '--env=B=2',
      '--env=C=3',
      '--dry-run=client',
      '-o',
      'jsonpath={.spec.containers[0].env[?(@.name=="B")].value} {.spec.containers[0].env[?(@.value>"1")].name} {.spec.containers[0].env[1:].name} {.spec.containers[0].env[::2].name} {.spec.containers[0].env[-1].name}',
    ],
    stdout: '2 B C B C A C C',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={..name}'],
    stdout: 'web web',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'run',
      'web',
      '--image=nginx',
      '--dry-run=client',
      '-o',
      "jsonpath={.spec}{.status}{.metadata.creationTimestamp}{.nope}{1.5}{true}{-3}{'x\\ty'}",
    ],
    stdout:
      '{"containers":[{"image":"nginx","name":"web","resources":{}}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always"}{}null1.5true-3x\ty',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'run',
      'web',
      '--image=nginx',
      '--dry-run=client',
      '-o',
      'jsonpath-as-json={.metadata.name}{.spec.containers[*].name}',
    ],
    stdout: '[\n    "web"\n]\n[\n    "web"\n]\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.spec.containers[3]}'],
    stdout: '',
    stderr:
      'error: error executing jsonpath "{.spec.containers[3]}": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.containers[3]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"run":"web"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"web", "resources":map[string]interface {}{}}}, "dnsPolicy":"ClusterFirst", "restartPolicy":"Always"}, "status":map[string]interface {}{}}\n\n\n',
    exitCode: 1,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.metadata.name[0]}'],
    stdout: '',
    stderr:
      'error: error executing jsonpath "{.metadata.name[0]}": Error executing template: string is not array or slice. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.metadata.name[0]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"run":"web"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"web", "resources":map[string]interface {}{}}}, "dnsPolicy":"ClusterFirst", "restartPolicy":"Always"}, "status":map[string]interface {}{}}\n\n\n',
    exitCode: 1,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.spec.containers[?(@.name==1)]}'],
    stdout: '',
    stderr:
      'error: error executing jsonpath "{.spec.containers[?(@.name==1)]}": Error executing template: incompatible types for comparison. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.containers[?(@.name==1)]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"run":"web"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"web", "resources":map[string]interface {}{}}}, "dnsPolicy":"ClusterFirst", "restartPolicy":"Always"}, "status":map[string]interface {}{}}\n\n\n',
    exitCode: 1,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={end}'],
    stdout: '',
    stderr:
      'error: error executing jsonpath "{end}": Error executing template: not in range, nothing to end. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{end}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"run":"web"}, "name":"web"}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"web", "resources":map[string]interface {}{}}}, "dnsPolicy":"ClusterFirst", "restartPolicy":"Always"}, "status":map[string]interface {}{}}\n\n\n',
    exitCode: 1,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.a[}'],
    stdout: '',
    stderr: 'error: error parsing jsonpath {.a[}, unterminated array\n',
    exitCode: 1,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={#}'],
    stdout: '',
    stderr: "error: error parsing jsonpath {#}, unrecognized character in action: U+0023 '#'\n",
    exitCode: 1,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.x}}{{.y}'],
    stdout: '',
    stderr: "error: error parsing jsonpath {.x}}{{.y}, unrecognized character in action: U+007B '{'\n",
    exitCode: 1,
  },
  {
    args: [
      'run',
      'web',
      '--image=nginx',
      '--dry-run=client',
      '-o',
      'custom-columns=NAME:.metadata.name,IMAGE:spec.containers[*].image,LABELS:{.metadata.labels},NONE:.x',
    ],
    stdout: '',
    stderr:
      'error: unable to match a printer suitable for the output format "custom-columns=NAME:.metadata.name,IMAGE:spec.containers[*].image,LABELS:{.metadata.labels},NONE:.x", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    exitCode: 1,
  },
  {
    args: [
      'run',
      'web',
      '--image=nginx',
      '--dry-run=client',
      '-o',
      'custom-columns=NAME:.metadata.name',
      '--no-headers',
    ],
    stdout: '',
    stderr: "error: unknown flag: --no-headers\nSee 'kubectl run --help' for usage.\n",
    exitCode: 1,
  },
  {
    args: ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'custom-columns=NAME:{{.metadata.name}}'],
    stdout: '',
    stderr:
      'error: unable to match a printer suitable for the output format "custom-columns=NAME:{{.metadata.name}}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    exitCode: 1,
  },
];

for (const g of GOLDEN) {
  test(`-o jsonpath / custom-columns as kubectl 1.33.1 prints them: kubectl ${g.args.slice(4).join(' ')}`, () => {
    assert.deepEqual(runKubectl(testCluster(), g.args), { stdout: g.stdout, stderr: g.stderr, exitCode: g.exitCode });
  });
}

test('jsonpath: a range over nothing prints nothing; nested ranges; a nil item of a range prints <no value> (client-go jsonpath)', () => {
  const jp = (t: string, data: unknown) => {
    const j = new JsonPath(t);
    j.allowMissingKeys = true;
    return j.execute(data);
  };
  assert.equal(jp('{range .items[*]}[{.name}]{end}', { items: [] }), '');
  assert.equal(jp('{range .a[*]}{range .b[*]}{@},{end};{end}', { a: [{ b: [1, 2] }, { b: [3] }] }), '1,2,;3,;');
  assert.equal(jp('{range .a[*]}[{@}]{end}', { a: ['x', null] }), '[x][<no value>]');
});
