// Korean phrasings (`# language: ko`) of the core steps: cluster setup, kubectl, apply, placement,
// node and scheduler assertions. Each registers the English step's own handler, so both languages
// share one implementation; where Korean word order puts the arguments in another order, a
// one-line adapter passes them on. Names come before the noun they name ("weserver 디플로이먼트",
// "w1-k8s 노드", "webserver 파드"), so Korean particles attach to the noun, never to the name.

import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { KubeWorld } from './world.ts';
import { parseWorkload, type ObjRef, type PodPhase, type WorkloadRef } from './lib/parse.ts';
import {
  clusterWithNodes, labCluster, labClusterWithSeed, labelledPodRunningOnNode, minutesPass, nodesFromFile, podRunningOnNode, scaleWorkload, secondsPass,
} from './cluster.steps.ts';
import {
  applyFile, applyInline, commandFailsWith, errorOutputContains, errorOutputIsEmpty, fileContaining, outputContains, outputIs, runCommand, tryToRun,
} from './kubectl.steps.ts';
import {
  allPodsArePhase, atLeastPodsOnNode, everyPodRunsOnNodes, noPodOfWorkloadRunsOnNode, podCountOnNode, podDoesNotRunOnNode, podIsPhase, podRunsOnNode,
  podRunsOnOneOf, podWasNeverDeleted, podWasNotRecreated,
} from './placement.steps.ts';
import { nodeHasLabel, nodeHasNoTaint, nodeHasTaint, nodeShowsStatus } from './nodes.steps.ts';
import { everyPodHasFailedScheduling, podHasFailedScheduling, schedulerRejectedNodeForEveryPod, schedulerRejectedNodeForPod } from './scheduler.steps.ts';
import { explainPodStep } from './explain.steps.ts';

const KINDS: Record<string, string> = { 디플로이먼트: 'deployment', 데몬셋: 'daemonset', 레플리카셋: 'replicaset', 스테이트풀셋: 'statefulset', 잡: 'job' };

// {워크로드}: weserver 디플로이먼트 / kube-system/kube-proxy 데몬셋
defineParameterType({
  name: '워크로드',
  regexp: /([^\s",]+) (디플로이먼트|데몬셋|레플리카셋|스테이트풀셋|잡)/,
  transformer: (name: string, kind: string) => parseWorkload(KINDS[kind], name),
  useForSnippets: false,
});

// 클러스터 준비와 시간
Given('실습 클러스터가 있다', labCluster);
Given('시드가 {int}인 실습 클러스터가 있다', labClusterWithSeed);
Given('다음 노드로 이루어진 클러스터가 있다:', clusterWithNodes);
Given('{string} 파일의 노드로 이루어진 클러스터가 있다', nodesFromFile);
Given('{pod} 파드가 {node} 노드에서 실행 중이다', podRunningOnNode);
Given('레이블이 {string}인 {pod} 파드가 {node} 노드에서 실행 중이다', function (this: KubeWorld, labels: string, ref: ObjRef, node: string) {
  labelledPodRunningOnNode.call(this, ref, labels, node);
});
When('{워크로드}의 레플리카를 {int}개로 조정한다', scaleWorkload);
When('{int}초가 지난다', secondsPass);
When('{int}분이 지난다', minutesPass);

// kubectl과 매니페스트
When('{string} 명령을 실행한다', runCommand);
When('{string} 명령을 실행해 본다', tryToRun);
Given('{string} 파일에 다음 내용을 쓴다:', fileContaining);
When('다음 매니페스트를 적용한다:', applyInline);
When('{string} 파일을 적용한다', applyFile);
Then('명령이 다음 오류로 실패한다:', commandFailsWith);
Then('출력은 다음과 같다:', outputIs);
Then('출력에 {string} 문구가 있다', outputContains);
Then('오류 출력에 {string} 문구가 있다', errorOutputContains);
Then('오류 출력이 비어 있다', errorOutputIsEmpty);

// 배치와 상태
Then('{pod} 파드는 {node} 노드에서 실행된다', podRunsOnNode);
Then('{pod} 파드는 {nodes} 중 한 노드에서 실행된다', podRunsOnOneOf);
Then('{pod} 파드는 {node} 노드에서 실행되지 않는다', podDoesNotRunOnNode);
Then('{워크로드}의 파드는 {node} 노드에서 하나도 실행되지 않는다', noPodOfWorkloadRunsOnNode);
Then('{워크로드}의 모든 파드는 {nodes} 노드에서 실행된다', everyPodRunsOnNodes);
Then('{워크로드}의 파드 {int}개가 {node} 노드에서 실행된다', function (this: KubeWorld, w: WorkloadRef, count: number, node: string) {
  podCountOnNode.call(this, count, w, node);
});
Then('{워크로드}의 파드가 {node} 노드에서 {int}개 이상 실행된다', function (this: KubeWorld, w: WorkloadRef, node: string, count: number) {
  atLeastPodsOnNode.call(this, count, w, node);
});
Then('{워크로드}의 파드 {int}개가 모두 {phase} 상태이다', function (this: KubeWorld, w: WorkloadRef, count: number, phase: PodPhase) {
  allPodsArePhase.call(this, count, w, phase);
});
Then('{pod} 파드는 {phase} 상태이다', podIsPhase);
Then('{pod} 파드는 다시 생성되지 않았다', podWasNotRecreated);
Then('{pod} 파드는 한 번도 삭제되지 않았다', podWasNeverDeleted);

// 노드
Then('{node} 노드의 상태는 {string}(으)로 표시된다', nodeShowsStatus);
Then('{node} 노드에 {taint} 테인트가 있다', nodeHasTaint);
Then('{node} 노드에 {taint} 테인트가 없다', nodeHasNoTaint);
Then('{node} 노드에 {label} 레이블이 있다', nodeHasLabel);

// 스케줄러
Then('{pod} 파드에 다음 FailedScheduling 이벤트가 있다:', podHasFailedScheduling);
Then('{워크로드}의 모든 파드에 다음 FailedScheduling 이벤트가 있다:', everyPodHasFailedScheduling);
Then('스케줄러는 {node} 노드를 {pod} 파드의 후보에서 제외했다: {string}', schedulerRejectedNodeForPod);
Then('스케줄러는 {node} 노드를 {워크로드}의 모든 파드의 후보에서 제외했다: {string}', schedulerRejectedNodeForEveryPod);
When('{pod} 파드의 스케줄링 근거를 설명한다', explainPodStep);

