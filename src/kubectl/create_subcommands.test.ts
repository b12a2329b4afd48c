import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, Service } from '../api/types.ts';
import { runKubectl } from './kubectl.ts';
import { k, testCluster } from './testing.ts';

// What kubectl 1.33.1 printed for these command lines (client-side: dry runs and kubectl's own
// errors), captured against a read-only stub API server.
const GOLDEN: { args: string[]; stdout: string; stderr: string; exitCode: number }[] = [
  {
    args: ['create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'yaml'],
    stdout:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'create',
      'deployment',
      'web',
      '--image=nginx:1.27',
      '--image=registry.k8s.io/pause:3.9',
      '-r',
      '3',
      '--port=80',
      '--dry-run=client',
      '-o',
      'json',
    ],
    stdout:
      '{\n    "kind": "Deployment",\n    "apiVersion": "apps/v1",\n    "metadata": {\n        "name": "web",\n        "creationTimestamp": null,\n        "labels": {\n            "app": "web"\n        }\n    },\n    "spec": {\n        "replicas": 3,\n        "selector": {\n            "matchLabels": {\n                "app": "web"\n            }\n        },\n        "template": {\n            "metadata": {\n                "creationTimestamp": null,\n                "labels": {\n                    "app": "web"\n                }\n            },\n            "spec": {\n                "containers": [\n                    {\n                        "name": "nginx",\n                        "image": "nginx:1.27",\n                        "ports": [\n                            {\n                                "containerPort": 80\n                            }\n                        ],\n                        "resources": {}\n                    },\n                    {\n                        "name": "pause",\n                        "image": "registry.k8s.io/pause:3.9",\n                        "resources": {}\n                    }\n                ]\n            }\n        },\n        "strategy": {}\n    },\n    "status": {}\n}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'create',
      'deploy',
      'web',
      '-n',
      'kube-system',
      '--image=busybox',
      '--dry-run=client',
      '-o',
      'json',
      '--',
      'sleep',
      '3600',
    ],
    stdout:
      '{\n    "kind": "Deployment",\n    "apiVersion": "apps/v1",\n    "metadata": {\n        "name": "web",\n        "namespace": "kube-system",\n        "creationTimestamp": null,\n        "labels": {\n            "app": "web"\n        }\n    },\n    "spec": {\n        "replicas": 1,\n        "selector": {\n            "matchLabels": {\n                "app": "web"\n            }\n        },\n        "template": {\n            "metadata": {\n                "creationTimestamp": null,\n                "labels": {\n                    "app": "web"\n                }\n            },\n            "spec": {\n                "containers": [\n                    {\n                        "name": "busybox",\n                        "image": "busybox",\n                        "command": [\n                            "sleep",\n                            "3600"\n                        ],\n                        "resources": {}\n                    }\n                ]\n            }\n        },\n        "strategy": {}\n    },\n    "status": {}\n}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'deployment', 'web', '--dry-run=client'],
    stdout: '',
    stderr: 'error: required flag(s) "image" not set\n',
    exitCode: 1,
  },
  {
    args: ['create', 'deployment', '--image=nginx'],
    stdout: '',
    stderr: "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    exitCode: 1,
  },
  {
    args: ['create', 'deployment', 'web', 'x', '--image=nginx'],
    stdout: '',
    stderr: "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n",
    exitCode: 1,
  },
  {
    args: ['create', 'ns', 'foo', '--dry-run=client', '-o', 'json'],
    stdout:
      '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "foo",\n        "creationTimestamp": null\n    },\n    "spec": {},\n    "status": {}\n}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'namespace', 'foo', '--dry-run=client'],
    stdout: 'namespace/foo created (dry run)\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'cm', 'cfg', '--from-literal=a=1', '--from-literal=b=x=y', '--dry-run=client', '-o', 'json'],
    stdout:
      '{\n    "kind": "ConfigMap",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "cfg",\n        "creationTimestamp": null\n    },\n    "data": {\n        "a": "1",\n        "b": "x=y"\n    }\n}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=a=2', '--dry-run=client'],
    stdout: '',
    stderr: 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "cfg"\n',
    exitCode: 1,
  },
  {
    args: ['create', 'configmap', 'cfg', '--from-literal==1', '--dry-run=client'],
    stdout: '',
    stderr: 'error: invalid literal source =1, expected key=value\n',
    exitCode: 1,
  },
  {
    args: ['create', 'configmap', 'cfg', '--from-literal=a/b=1', '--dry-run=client'],
    stdout: '',
    stderr:
      "error: \"a/b\" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n",
    exitCode: 1,
  },
  {
    args: [
      'create',
      'secret',
      'generic',
      's',
      '--from-literal=user=admin',
      '--from-literal=pw=s3cr=t',
      '--dry-run=client',
      '-o',
      'json',
    ],
    stdout:
      '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "s",\n        "creationTimestamp": null\n    },\n    "data": {\n        "pw": "czNjcj10",\n        "user": "YWRtaW4="\n    }\n}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'create',
      'secret',
      'generic',
      's',
      '--type=kubernetes.io/basic-auth',
      '--from-literal=username=x',
      '--dry-run=client',
      '-o',
      'yaml',
    ],
    stdout:
      'apiVersion: v1\ndata:\n  username: eA==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\ntype: kubernetes.io/basic-auth\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080', '--dry-run=client', '-o', 'json'],
    stdout:
      '{\n    "kind": "Service",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "web",\n        "creationTimestamp": null,\n        "labels": {\n            "app": "web"\n        }\n    },\n    "spec": {\n        "ports": [\n            {\n                "name": "80-8080",\n                "protocol": "TCP",\n                "port": 80,\n                "targetPort": 8080\n            }\n        ],\n        "selector": {\n            "app": "web"\n        },\n        "type": "ClusterIP"\n    },\n    "status": {\n        "loadBalancer": {}\n    }\n}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'svc', 'clusterip', 'web', '--clusterip=None', '--dry-run=client', '-o', 'yaml'],
    stdout:
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'service', 'clusterip', 'web', '--dry-run=client'],
    stdout: '',
    stderr: 'error: at least one tcp port specifier must be provided\n',
    exitCode: 1,
  },
  {
    args: [
      'create',
      'service',
      'nodeport',
      'web',
      '--tcp=80:8080,443',
      '--node-port=30080',
      '--dry-run=client',
      '-o',
      'json',
    ],
    stdout:
      '{\n    "kind": "Service",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "web",\n        "creationTimestamp": null,\n        "labels": {\n            "app": "web"\n        }\n    },\n    "spec": {\n        "ports": [\n            {\n                "name": "80-8080",\n                "protocol": "TCP",\n                "port": 80,\n                "targetPort": 8080,\n                "nodePort": 30080\n            },\n            {\n                "name": "443",\n                "protocol": "TCP",\n                "port": 443,\n                "targetPort": 443,\n                "nodePort": 30080\n            }\n        ],\n        "selector": {\n            "app": "web"\n        },\n        "type": "NodePort"\n    },\n    "status": {\n        "loadBalancer": {}\n    }\n}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'service', 'clusterip', 'web', '--tcp=x', '--dry-run=client'],
    stdout: '',
    stderr: 'error: strconv.ParseUint: parsing "x": invalid syntax\n',
    exitCode: 1,
  },
  {
    args: ['create', 'service', 'nodeport', 'web', '--tcp=80', '-n', 'kube-system', '--dry-run=client', '-o', 'yaml'],
    stdout:
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\n  namespace: kube-system\nspec:\n  ports:\n  - name: "80"\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'wide'],
    stdout: '',
    stderr:
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    exitCode: 1,
  },
];

for (const g of GOLDEN) {
  test(`create subcommands as kubectl 1.33.1 prints them: kubectl ${g.args.join(' ')}`, () => {
    assert.deepEqual(runKubectl(testCluster(), g.args), { stdout: g.stdout, stderr: g.stderr, exitCode: g.exitCode });
  });
}

test('create deployment|service|namespace|configmap|secret|serviceaccount: the API server creates them; a second time is AlreadyExists, wrapped as each subcommand wraps it', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'create deployment web --image=nginx --replicas=2'), {
    stdout: 'deployment.apps/web created\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.replicas, 2);
  assert.equal(
    k(c, 'create deployment web --image=nginx').stderr,
    'error: failed to create deployment: deployments.apps "web" already exists\n',
  );
  const steps: [string, 'stdout' | 'stderr', string][] = [
    ['create service clusterip web --tcp=80:8080', 'stdout', 'service/web created\n'],
    [
      'create service clusterip web --tcp=80',
      'stderr',
      'error: failed to create ClusterIP service: services "web" already exists\n',
    ],
    ['create ns team-a', 'stdout', 'namespace/team-a created\n'],
    ['create ns team-a', 'stderr', 'Error from server (AlreadyExists): namespaces "team-a" already exists\n'],
    ['create configmap cfg --from-literal=a=1', 'stdout', 'configmap/cfg created\n'],
    ['create configmap cfg', 'stderr', 'error: failed to create configmap: configmaps "cfg" already exists\n'],
    ['create secret generic s --from-literal=a=1 -n team-a', 'stdout', 'secret/s created\n'],
    ['create secret generic s -n team-a', 'stderr', 'error: failed to create secret secrets "s" already exists\n'],
    ['create sa builder -n team-a', 'stdout', 'serviceaccount/builder created\n'],
    [
      'create serviceaccount builder -n team-a',
      'stderr',
      'error: failed to create serviceaccount: serviceaccounts "builder" already exists\n',
    ],
  ];
  for (const [line, stream, expected] of steps) assert.equal(k(c, line)[stream], expected, line);
  assert.equal(c.store.get<Service>('Service', 'default', 'web')!.spec.ports![0].targetPort, 8080);
});
