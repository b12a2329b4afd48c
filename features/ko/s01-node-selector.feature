# language: ko
@ko
기능: Node Selector — 파드는 자신이 고른 레이블이 있는 노드에서만 실행된다
  노트의 "Node Selector 테스트": `kubectl label node w{1,2}-k8s cpu=2core_over`로 w1-k8s와
  w2-k8s에 레이블을 붙이면, `nodeSelector: {cpu: "2core_over"}`를 가진 webserver 파드는
  cpu 레이블이 지정된 노드에서만 실행된다.

  @S01
  시나리오: S01 webserver 파드는 cpu=2core_over 레이블이 있는 노드에서만 실행된다
    조건 실습 클러스터가 있다
    만일 "kubectl label node w1-k8s w2-k8s cpu=2core_over" 명령을 실행한다
    그러면 출력은 다음과 같다:
      """
      node/w1-k8s labeled
      node/w2-k8s labeled
      """
    그리고 w1-k8s 노드에 "cpu=2core_over" 레이블이 있다
    그리고 w2-k8s 노드에 "cpu=2core_over" 레이블이 있다
    만일 "webserver-pod.yaml" 파일을 적용한다
    그러면 출력은 다음과 같다:
      """
      pod/webserver created
      """
    그리고 webserver 파드는 w1-k8s, w2-k8s 중 한 노드에서 실행된다
    그리고 스케줄러는 w3-k8s 노드를 webserver 파드의 후보에서 제외했다: "node(s) didn't match Pod's node affinity/selector"
    그리고 스케줄러는 m-k8s 노드를 webserver 파드의 후보에서 제외했다: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
    그리고 webserver 파드의 스케줄링 근거를 설명한다
    만일 30초가 지난다
    그러면 webserver 파드는 Running 상태이다

  @S01
  시나리오 개요: S01 무작위 선택(시드 <시드>)과 상관없이 레이블이 없는 노드에는 배치되지 않는다
    조건 시드가 <시드>인 실습 클러스터가 있다
    만일 "kubectl label node w1-k8s w2-k8s cpu=2core_over" 명령을 실행한다
    그리고 "webserver-pod.yaml" 파일을 적용한다
    그러면 webserver 파드는 w1-k8s, w2-k8s 중 한 노드에서 실행된다

    예:
      | 시드 |
      | 2    |
      | 3    |
