// Custom Cucumber Expression parameter types. Their regexps are deliberately loose (a word, or a
// quoted string) so that a typo still matches the step and the transformer rejects it with a
// message saying what is wrong, instead of the step silently becoming "undefined".

import { defineParameterType } from '@cucumber/cucumber';
import {
  parseLabel,
  parseNodeList,
  parseNodeName,
  parseObjRef,
  parsePhase,
  parseQuantityText,
  parseSelector,
  parseTaint,
  parseWorkload,
} from './lib/parse.ts';

/** A node name such as `w1-k8s` (an RFC 1123 subdomain). A node that does not exist fails the step with the cluster's node names. */
defineParameterType({
  name: 'node',
  regexp: /[^\s",]+/,
  transformer: (s: string) => parseNodeName(s),
  useForSnippets: false,
});

/**
 * A node list: `w1-k8s, w2-k8s`, `w1-k8s or w2-k8s` (any of them) or `w1-k8s and w2-k8s` (each of
 * them: every listed node must be used). Mixing `or` and `and` is an error.
 */
defineParameterType({
  name: 'nodes',
  regexp: /[^\s",]+(?:(?:\s*,\s*|\s+(?:or|and)\s+)[^\s",]+)*/,
  transformer: (s: string) => parseNodeList(s),
  useForSnippets: false,
});

/** A pod: `webserver` (namespace `default`) or `kube-system/etcd-m-k8s`. */
defineParameterType({
  name: 'pod',
  regexp: /[^\s",]+/,
  transformer: (s: string) => parseObjRef(s, 'pod name'),
  useForSnippets: false,
});

/**
 * A workload: `deployment weserver`, `daemonset kube-system/kube-proxy` (also `replicaset`,
 * `statefulset`, `job`). Its pods are the pods it controls, directly or through a ReplicaSet, that
 * are not being deleted.
 */
defineParameterType({
  name: 'workload',
  regexp: /(deployment|daemonset|replicaset|statefulset|job) ([^\s",]+)/,
  transformer: (kind: string, name: string) => parseWorkload(kind, name),
  useForSnippets: false,
});

/**
 * A taint in kubectl's notation, in double quotes: `"key01=value01:NoSchedule"`,
 * `"node-role.kubernetes.io/control-plane:NoSchedule"`.
 */
defineParameterType({
  name: 'taint',
  regexp: /"([^"]*)"/,
  transformer: (s: string) => parseTaint(s),
  useForSnippets: false,
});

/** A label in double quotes: `"disktype=ssd"`. */
defineParameterType({
  name: 'label',
  regexp: /"([^"]*)"/,
  transformer: (s: string) => parseLabel(s),
  useForSnippets: false,
});

/** A label selector in double quotes, as `kubectl -l` takes it: `"app=backend"`, `"tier in (web,db)"`. */
defineParameterType({
  name: 'selector',
  regexp: /"([^"]*)"/,
  transformer: (s: string) => parseSelector(s),
  useForSnippets: false,
});

/** A resource quantity: `500m`, `2`, `4Gi`. */
defineParameterType({
  name: 'quantity',
  regexp: /[^\s",]+/,
  transformer: (s: string) => parseQuantityText(s),
  useForSnippets: false,
});

/** A pod phase: `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`. */
defineParameterType({
  name: 'phase',
  regexp: /[A-Za-z]+/,
  transformer: (s: string) => parsePhase(s),
  useForSnippets: false,
});
