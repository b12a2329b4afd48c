import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { runKubectl } from './kubectl.ts';
import { labWithPods } from './testing.ts';

// The lab cluster after `kubectl run webserver --image=nginx --port 80` and `kubectl run crasher
// --image=busybox -- false`; GOLDEN is what kubectl 1.33.1 printed for these command lines
// reading that state (a read-only stub API server).
const GOLDEN: { args: string[]; stdout: string; stderr: string; exitCode: number }[] = [
  {
    args: [
      'set',
      'image',
      'deployment/coredns',
      '-n',
      'kube-system',
      'coredns=registry.k8s.io/coredns/coredns:v1.12.1',
      '--dry-run=client',
    ],
    stdout: 'deployment.apps/coredns image updated (dry run)\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['set', 'image', 'deployment/coredns', '-n', 'kube-system', 'nope=x', '--dry-run=client'],
    stdout: '',
    stderr: 'error: unable to find container named "nope"\n',
    exitCode: 1,
  },
  {
    args: [
      'set',
      'image',
      'deployment/coredns',
      '-n',
      'kube-system',
      'coredns=registry.k8s.io/coredns/coredns:v1.12.0',
      '--dry-run=client',
    ],
    stdout: '',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'set',
      'image',
      'deployment/coredns',
      '-n',
      'kube-system',
      '*=busybox',
      '--dry-run=client',
      '-o',
      'jsonpath={.spec.template.spec.containers[*].image}',
    ],
    stdout: 'busybox',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['set', 'image', 'pod/webserver', 'webserver=nginx:1.27', '--dry-run=client'],
    stdout: 'pod/webserver image updated (dry run)\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['set', 'image', 'pod', 'webserver'],
    stdout: '',
    stderr: 'error: at least one image update is required\n',
    exitCode: 1,
  },
  {
    args: ['set', 'image', 'webserver=x'],
    stdout: '',
    stderr:
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    exitCode: 1,
  },
  {
    args: ['set', 'image', 'ds', '-n', 'kube-system', '--all', 'kube-proxy=kp:1', '--dry-run=client'],
    stdout: 'daemonset.apps/kube-proxy image updated (dry run)\n',
    stderr: 'error: unable to find container named "kube-proxy"\n',
    exitCode: 1,
  },
  {
    args: ['set', 'image', 'pod/webserver', '*=a', 'b=c'],
    stdout: '',
    stderr:
      'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n',
    exitCode: 1,
  },
];

test('kubectl set image: dry runs and errors byte for byte as kubectl 1.33.1 printed them', () => {
  const c = labWithPods();
  for (const g of GOLDEN)
    assert.deepEqual(
      runKubectl(c, g.args),
      { stdout: g.stdout, stderr: g.stderr, exitCode: g.exitCode },
      `kubectl ${g.args.join(' ')}`,
    );
});

test('kubectl set image: updates the pod template (the deployment controller rolls it out); the same image again prints nothing', () => {
  const c = createLabCluster();
  runKubectl(c, 'create deployment web --image=nginx');
  assert.deepEqual(runKubectl(c, 'set image deployment/web nginx=nginx:1.27'), {
    stdout: 'deployment.apps/web image updated\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(
    c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.template.spec!.containers[0].image,
    'nginx:1.27',
  );
  assert.deepEqual(runKubectl(c, 'set image deployment/web nginx=nginx:1.27'), { stdout: '', stderr: '', exitCode: 0 });
});
