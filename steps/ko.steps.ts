// Korean phrasings (`# language: ko`) of the core steps: cluster setup, kubectl, apply, placement,
// node and scheduler assertions. Each registers the English step's own handler, so both languages
// share one implementation; where Korean word order puts the arguments in another order, a
// one-line adapter passes them on. Names come before the noun they name ("weserver 디플로이먼트",
// "w1-k8s 노드", "webserver 파드"), so Korean particles attach to the noun, never to the name.

import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { KubeWorld } from './world.ts';
import { parseWorkload, type ObjRef, type PodPhase, type WorkloadRef } from './lib/parse.ts';
import {
  clusterWithNodes,
  labCluster,
  labClusterWithSeed,
  labelledPodRunningOnNode,
  minutesPass,
  nodesFromFile,
  podRunningOnNode,
  scaleWorkload,
  secondsPass,
} from './cluster.steps.ts';
import {
  applyFile,
  applyInline,
  commandFailsWith,
  errorOutputContains,
  errorOutputIsEmpty,
  fileContaining,
  outputContains,
  outputIs,
  runCommand,
  tryToRun,
} from './kubectl.steps.ts';
import {
  allPodsArePhase,
  atLeastPodsOnNode,
  everyPodRunsOnNodes,
  noPodOfWorkloadRunsOnNode,
  podCountOnNode,
  podDoesNotRunOnNode,
  podIsPhase,
  podRunsOnNode,
  podRunsOnOneOf,
  podWasNeverDeleted,
  podWasNotRecreated,
} from './placement.steps.ts';
import { nodeHasLabel, nodeHasNoTaint, nodeHasTaint, nodeShowsStatus } from './nodes.steps.ts';
import {
  everyPodHasFailedScheduling,
  podHasFailedScheduling,
  schedulerRejectedNodeForEveryPod,
  schedulerRejectedNodeForPod,
} from './scheduler.steps.ts';
import { explainPodStep } from './explain.steps.ts';

const KINDS: Record<string, string> = {
  디플로이먼트: 'deployment',
  데몬셋: 'daemonset',
  레플리카셋: 'replicaset',
  스테이트풀셋: 'statefulset',
  잡: 'job',
};

/**
 * A workload in Korean word order, the name before the kind: `weserver 디플로이먼트`,
 * `kube-system/kube-proxy 데몬셋` (also 레플리카셋, 스테이트풀셋, 잡).
 */
defineParameterType({
  name: '워크로드',
  regexp: /([^\s",]+) (디플로이먼트|데몬셋|레플리카셋|스테이트풀셋|잡)/,
  transformer: (name: string, kind: string) => parseWorkload(KINDS[kind], name),
  useForSnippets: false,
});

// 클러스터 준비와 시간
/** @example 조건 실습 클러스터가 있다 */
Given('실습 클러스터가 있다', labCluster);
/** @example 조건 시드가 3인 실습 클러스터가 있다 */
Given('시드가 {int}인 실습 클러스터가 있다', labClusterWithSeed);
/** @example 조건 다음 노드로 이루어진 클러스터가 있다: */
Given('다음 노드로 이루어진 클러스터가 있다:', clusterWithNodes);
/** @example 조건 "small-cluster-nodes.yaml" 파일의 노드로 이루어진 클러스터가 있다 */
Given('{string} 파일의 노드로 이루어진 클러스터가 있다', nodesFromFile);
/** @example 조건 db 파드가 w3-k8s 노드에서 실행 중이다 */
Given('{pod} 파드가 {node} 노드에서 실행 중이다', podRunningOnNode);
/** @example 조건 레이블이 "app=backend"인 backend 파드가 w3-k8s 노드에서 실행 중이다 */
Given(
  '레이블이 {string}인 {pod} 파드가 {node} 노드에서 실행 중이다',
  function (this: KubeWorld, labels: string, ref: ObjRef, node: string) {
    return labelledPodRunningOnNode.call(this, ref, labels, node);
  },
);
/** @example 만일 weserver 디플로이먼트의 레플리카를 8개로 조정한다 */
When('{워크로드}의 레플리카를 {int}개로 조정한다', scaleWorkload);
/** @example 만일 30초가 지난다 */
When('{int}초가 지난다', secondsPass);
/** @example 만일 5분이 지난다 */
When('{int}분이 지난다', minutesPass);

// kubectl과 매니페스트
/** @example 만일 "kubectl cordon w3-k8s" 명령을 실행한다 */
When('{string} 명령을 실행한다', runCommand);
/** @example 만일 "kubectl drain w3-k8s" 명령을 실행해 본다 */
When('{string} 명령을 실행해 본다', tryToRun);
/** @example 조건 "nginx.yaml" 파일에 다음 내용을 쓴다: */
Given('{string} 파일에 다음 내용을 쓴다:', fileContaining);
/** @example 만일 다음 매니페스트를 적용한다: */
When('다음 매니페스트를 적용한다:', applyInline);
/** @example 만일 "weserver.yaml" 파일을 적용한다 */
When('{string} 파일을 적용한다', applyFile);
/** @example 그러면 명령이 다음 오류로 실패한다: */
Then('명령이 다음 오류로 실패한다:', commandFailsWith);
/** @example 그러면 출력은 다음과 같다: */
Then('출력은 다음과 같다:', outputIs);
/** @example 그러면 출력에 "node/w3-k8s drained" 문구가 있다 */
Then('출력에 {string} 문구가 있다', outputContains);
/** @example 그러면 오류 출력에 "ignoring DaemonSet-managed Pods" 문구가 있다 */
Then('오류 출력에 {string} 문구가 있다', errorOutputContains);
/** @example 그러면 오류 출력이 비어 있다 */
Then('오류 출력이 비어 있다', errorOutputIsEmpty);

// 배치와 상태
/** @example 그러면 webserver 파드는 w1-k8s 노드에서 실행된다 */
Then('{pod} 파드는 {node} 노드에서 실행된다', podRunsOnNode);
/** @example 그러면 webserver 파드는 w1-k8s, w2-k8s 중 한 노드에서 실행된다 */
Then('{pod} 파드는 {nodes} 중 한 노드에서 실행된다', podRunsOnOneOf);
/** @example 그러면 webserver 파드는 w3-k8s 노드에서 실행되지 않는다 */
Then('{pod} 파드는 {node} 노드에서 실행되지 않는다', podDoesNotRunOnNode);
/** @example 그러면 weserver 디플로이먼트의 파드는 w3-k8s 노드에서 하나도 실행되지 않는다 */
Then('{워크로드}의 파드는 {node} 노드에서 하나도 실행되지 않는다', noPodOfWorkloadRunsOnNode);
/** @example 그러면 weserver 디플로이먼트의 모든 파드는 w1-k8s, w2-k8s 노드에서 실행된다 */
Then('{워크로드}의 모든 파드는 {nodes} 노드에서 실행된다', everyPodRunsOnNodes);
/** @example 그러면 kube-system/kube-proxy 데몬셋의 파드 1개가 w3-k8s 노드에서 실행된다 */
Then(
  '{워크로드}의 파드 {int}개가 {node} 노드에서 실행된다',
  function (this: KubeWorld, w: WorkloadRef, count: number, node: string) {
    return podCountOnNode.call(this, count, w, node);
  },
);
/** @example 그러면 weserver 디플로이먼트의 파드가 w1-k8s 노드에서 1개 이상 실행된다 */
Then(
  '{워크로드}의 파드가 {node} 노드에서 {int}개 이상 실행된다',
  function (this: KubeWorld, w: WorkloadRef, node: string, count: number) {
    return atLeastPodsOnNode.call(this, count, w, node);
  },
);
/** @example 그러면 weserver 디플로이먼트의 파드 4개가 모두 Running 상태이다 */
Then(
  '{워크로드}의 파드 {int}개가 모두 {phase} 상태이다',
  function (this: KubeWorld, w: WorkloadRef, count: number, phase: PodPhase) {
    return allPodsArePhase.call(this, count, w, phase);
  },
);
/** @example 그러면 webserver 파드는 Running 상태이다 */
Then('{pod} 파드는 {phase} 상태이다', podIsPhase);
/** @example 그러면 db 파드는 다시 생성되지 않았다 */
Then('{pod} 파드는 다시 생성되지 않았다', podWasNotRecreated);
/** @example 그러면 kube-system/etcd-m-k8s 파드는 한 번도 삭제되지 않았다 */
Then('{pod} 파드는 한 번도 삭제되지 않았다', podWasNeverDeleted);

// 노드
/** @example 그러면 w3-k8s 노드의 상태는 "Ready,SchedulingDisabled"로 표시된다 */
Then('{node} 노드의 상태는 {string}(으)로 표시된다', nodeShowsStatus);
/** @example 그러면 w3-k8s 노드에 "key01=value01:NoSchedule" 테인트가 있다 */
Then('{node} 노드에 {taint} 테인트가 있다', nodeHasTaint);
/** @example 그러면 w3-k8s 노드에 "node.kubernetes.io/unschedulable:NoSchedule" 테인트가 없다 */
Then('{node} 노드에 {taint} 테인트가 없다', nodeHasNoTaint);
/** @example 그러면 w1-k8s 노드에 "cpu=2core_over" 레이블이 있다 */
Then('{node} 노드에 {label} 레이블이 있다', nodeHasLabel);

// 스케줄러
/** @example 그러면 webserver 파드에 다음 FailedScheduling 이벤트가 있다: */
Then('{pod} 파드에 다음 FailedScheduling 이벤트가 있다:', podHasFailedScheduling);
/** @example 그러면 weserver 디플로이먼트의 모든 파드에 다음 FailedScheduling 이벤트가 있다: */
Then('{워크로드}의 모든 파드에 다음 FailedScheduling 이벤트가 있다:', everyPodHasFailedScheduling);
/** @example 그러면 스케줄러는 w3-k8s 노드를 webserver 파드의 후보에서 제외했다: "node(s) had untolerated taint {key01: value01}" */
Then('스케줄러는 {node} 노드를 {pod} 파드의 후보에서 제외했다: {string}', schedulerRejectedNodeForPod);
/** @example 그러면 스케줄러는 w3-k8s 노드를 weserver 디플로이먼트의 모든 파드의 후보에서 제외했다: "node(s) had untolerated taint {key01: value01}" */
Then('스케줄러는 {node} 노드를 {워크로드}의 모든 파드의 후보에서 제외했다: {string}', schedulerRejectedNodeForEveryPod);
/** @example 그러면 webserver 파드의 스케줄링 근거를 설명한다 */
When('{pod} 파드의 스케줄링 근거를 설명한다', explainPodStep);
