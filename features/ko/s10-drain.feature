# language: ko
@ko
기능: drain — 노드를 비우고 더 이상 스케줄링하지 않는다
  노트의 "drain 테스트": w3-k8s에서 컨트롤러가 관리하지 않는 db 파드와 디플로이먼트가 관리하는
  weserver 파드가 실행 중이다. `kubectl drain w3-k8s --ignore-daemonsets --force` 후 db 파드는
  삭제되고 다시 생성되지 않으며, weserver 파드는 다른 노드에서 실행된다. w3-k8s의 상태는
  cordon을 했을 때와 같이 SchedulingDisabled이다.

  배경:
    조건 실습 클러스터가 있다
    그리고 db 파드가 w3-k8s 노드에서 실행 중이다

  @S10
  시나리오: S10 --ignore-daemonsets --force로 drain하면 db는 삭제되고 weserver 파드는 옮겨진다
    만일 "weserver.yaml" 파일을 적용한다
    그리고 30초가 지난다
    그러면 weserver 디플로이먼트의 파드가 w3-k8s 노드에서 1개 이상 실행된다
    만일 "kubectl drain w3-k8s --ignore-daemonsets --force" 명령을 실행한다
    그러면 출력에 "node/w3-k8s cordoned" 문구가 있다
    그리고 출력에 "evicting pod default/db" 문구가 있다
    그리고 출력에 "pod/db evicted" 문구가 있다
    그리고 출력에 "node/w3-k8s drained" 문구가 있다
    그리고 오류 출력에 "deleting Pods that declare no controller: default/db" 문구가 있다
    그리고 w3-k8s 노드의 상태는 "Ready,SchedulingDisabled"로 표시된다
    그리고 db 파드는 다시 생성되지 않았다
    그리고 weserver 디플로이먼트의 파드는 w3-k8s 노드에서 하나도 실행되지 않는다
    그리고 kube-system/kube-proxy 데몬셋의 파드 1개가 w3-k8s 노드에서 실행된다
    만일 30초가 지난다
    그러면 weserver 디플로이먼트의 파드 4개가 모두 Running 상태이다
    그리고 weserver 디플로이먼트의 모든 파드는 w1-k8s, w2-k8s 노드에서 실행된다

  @S10
  시나리오: S10 --force 없이는 관리되지 않는 db 파드 때문에 drain이 거부되고 아무것도 삭제되지 않는다
    만일 "kubectl drain w3-k8s --ignore-daemonsets" 명령을 실행해 본다
    그러면 출력은 다음과 같다:
      """
      node/w3-k8s cordoned
      """
    그리고 명령이 다음 오류로 실패한다:
      """
      error: unable to drain node "w3-k8s" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/db, continuing command...
      There are pending nodes to be drained:
       w3-k8s
      cannot delete cannot delete Pods that declare no controller (use --force to override): default/db
      """
    그리고 db 파드는 w3-k8s 노드에서 실행된다
    그리고 db 파드는 한 번도 삭제되지 않았다
    그리고 w3-k8s 노드의 상태는 "Ready,SchedulingDisabled"로 표시된다
