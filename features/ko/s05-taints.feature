# language: ko
@ko
기능: 노드 taint와 파드 toleration — taint를 용인하지 않는 파드는 그 노드에 배치되지 않는다
  노트의 "node taint & pod toleration 테스트" 1번: w3-k8s에 `key01=value01:NoSchedule` taint를
  설정하고 toleration이 없는 weserver 디플로이먼트(nginx 4개)를 배포한다. m-k8s에는 kubeadm이
  설정한 `node-role.kubernetes.io/control-plane:NoSchedule` taint가 항상 있다.

  @S05
  시나리오: S05 toleration이 없는 파드는 taint가 설정된 w3-k8s와 m-k8s를 피해 배치된다
    조건 실습 클러스터가 있다
    만일 "kubectl taint nodes w3-k8s key01=value01:NoSchedule" 명령을 실행한다
    그러면 출력은 다음과 같다:
      """
      node/w3-k8s tainted
      """
    그리고 w3-k8s 노드에 "key01=value01:NoSchedule" 테인트가 있다
    만일 "weserver.yaml" 파일을 적용한다
    그러면 weserver 디플로이먼트의 모든 파드는 w1-k8s, w2-k8s 노드에서 실행된다
    그리고 weserver 디플로이먼트의 파드는 w3-k8s 노드에서 하나도 실행되지 않는다
    그리고 스케줄러는 w3-k8s 노드를 weserver 디플로이먼트의 모든 파드의 후보에서 제외했다: "node(s) had untolerated taint {key01: value01}"
    그리고 스케줄러는 m-k8s 노드를 weserver 디플로이먼트의 모든 파드의 후보에서 제외했다: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
    만일 30초가 지난다
    그러면 weserver 디플로이먼트의 파드 4개가 모두 Running 상태이다

  @S05
  시나리오: S05 taint를 지우면 그 노드에도 다시 배치된다
    조건 실습 클러스터가 있다
    만일 "kubectl taint nodes w3-k8s key01=value01:NoSchedule" 명령을 실행한다
    그리고 "weserver.yaml" 파일을 적용한다
    그리고 "kubectl taint nodes w3-k8s key01=value01:NoSchedule-" 명령을 실행한다
    그러면 출력은 다음과 같다:
      """
      node/w3-k8s untainted
      """
    그리고 w3-k8s 노드에 "key01=value01:NoSchedule" 테인트가 없다
    만일 weserver 디플로이먼트의 레플리카를 8개로 조정한다
    그러면 weserver 디플로이먼트의 파드가 w3-k8s 노드에서 1개 이상 실행된다
