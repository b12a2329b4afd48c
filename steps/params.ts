// Custom Cucumber Expression parameter types. Their regexps are deliberately loose (a word, or a
// quoted string) so that a typo still matches the step and the transformer rejects it with a
// message saying what is wrong, instead of the step silently becoming "undefined".

import { defineParameterType } from '@cucumber/cucumber';
import {
  parseLabel, parseNodeList, parseNodeName, parseObjRef, parsePhase, parseQuantityText, parseSelector, parseTaint, parseWorkload,
} from './lib/parse.ts';

// {node}: w1-k8s
defineParameterType({ name: 'node', regexp: /[^\s",]+/, transformer: (s: string) => parseNodeName(s), useForSnippets: false });

// {nodes}: w1-k8s, w2-k8s or w3-k8s / w1-k8s and w2-k8s
defineParameterType({
  name: 'nodes',
  regexp: /[^\s",]+(?:(?:\s*,\s*|\s+(?:or|and)\s+)[^\s",]+)*/,
  transformer: (s: string) => parseNodeList(s),
  useForSnippets: false,
});

// {pod}: webserver / kube-system/etcd-m-k8s
defineParameterType({ name: 'pod', regexp: /[^\s",]+/, transformer: (s: string) => parseObjRef(s, 'pod name'), useForSnippets: false });

// {workload}: deployment weserver / daemonset kube-system/kube-proxy
defineParameterType({
  name: 'workload',
  regexp: /(deployment|daemonset|replicaset|statefulset|job) ([^\s",]+)/,
  transformer: (kind: string, name: string) => parseWorkload(kind, name),
  useForSnippets: false,
});

// {taint}: "key01=value01:NoSchedule" / "node-role.kubernetes.io/control-plane:NoSchedule"
defineParameterType({ name: 'taint', regexp: /"([^"]*)"/, transformer: (s: string) => parseTaint(s), useForSnippets: false });

// {label}: "disktype=ssd"
defineParameterType({ name: 'label', regexp: /"([^"]*)"/, transformer: (s: string) => parseLabel(s), useForSnippets: false });

// {selector}: "app=backend" / "tier in (web,db)"
defineParameterType({ name: 'selector', regexp: /"([^"]*)"/, transformer: (s: string) => parseSelector(s), useForSnippets: false });

// {quantity}: 500m / 2 / 4Gi
defineParameterType({ name: 'quantity', regexp: /[^\s",]+/, transformer: (s: string) => parseQuantityText(s), useForSnippets: false });

// {phase}: Pending / Running / Succeeded / Failed / Unknown
defineParameterType({ name: 'phase', regexp: /[A-Za-z]+/, transformer: (s: string) => parsePhase(s), useForSnippets: false });
