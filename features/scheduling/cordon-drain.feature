Feature: Cordon and drain — stop scheduling onto a node, and empty it
  Notes, sections "cordon & uncordon 테스트" and "drain 테스트": `kubectl cordon` marks a node
  unschedulable (STATUS Ready,SchedulingDisabled) without touching its pods; `kubectl drain`
  cordons it and evicts its pods, refusing unmanaged pods without `--force` and DaemonSet pods
  without `--ignore-daemonsets`. The notes are right that static (mirror) pods are not deleted.
  A refused drain prints its reasons twice on stderr: once after "due to error:", and once
  more at the end without an "error: " prefix (kubectl prints the aggregated error that way).
  The DaemonSet pod names in the refusal below are those of the lab cluster built with seed 1,
  so that scenario fixes its seed.

  @S09
  Scenario: S09 while w1-k8s is cordoned no new pod lands on it; existing pods stay; uncordon reopens it
    Given the lab cluster
    And pod existing is running on node w1-k8s
    When I run "kubectl cordon w1-k8s"
    Then the output is:
      """
      node/w1-k8s cordoned
      """
    And node w1-k8s shows status "Ready,SchedulingDisabled"
    And node w1-k8s has taint "node.kubernetes.io/unschedulable:NoSchedule"
    When I apply "weserver.yaml"
    Then every pod of deployment weserver runs on nodes w2-k8s and w3-k8s
    And the scheduler rejected node w1-k8s for every pod of deployment weserver because "node(s) were unschedulable"
    And pod existing runs on node w1-k8s
    And pod existing was never deleted
    When 30 seconds pass
    Then all 4 pods of deployment weserver are Running
    And pod existing is Running
    When I run "kubectl uncordon w1-k8s"
    Then the output is:
      """
      node/w1-k8s uncordoned
      """
    And node w1-k8s shows status "Ready"
    And node w1-k8s has no taint "node.kubernetes.io/unschedulable:NoSchedule"
    When the deployment weserver is scaled to 8
    Then at least 1 pod of deployment weserver runs on node w1-k8s
    When 30 seconds pass
    Then all 8 pods of deployment weserver are Running

  @S09
  Scenario: S09 cordon and uncordon twice say "already"
    Given the lab cluster
    When I run "kubectl cordon w2-k8s"
    And I run "kubectl cordon w2-k8s"
    Then the output is:
      """
      node/w2-k8s already cordoned
      """
    When I run "kubectl uncordon w2-k8s"
    And I run "kubectl uncordon w2-k8s"
    Then the output is:
      """
      node/w2-k8s already uncordoned
      """
    And node w2-k8s shows status "Ready"

  @S10
  Scenario: S10 drain with --ignore-daemonsets --force deletes db for good and moves the weserver pods
    Given the lab cluster
    And pod db is running on node w3-k8s
    When I apply "weserver.yaml"
    And 30 seconds pass
    Then at least 1 pod of deployment weserver runs on node w3-k8s
    When I run "kubectl drain w3-k8s --ignore-daemonsets --force"
    Then the output contains "node/w3-k8s cordoned"
    And the output contains "evicting pod default/db"
    And the output contains "pod/db evicted"
    And the output contains "node/w3-k8s drained"
    And the error output contains "deleting Pods that declare no controller: default/db"
    And the error output contains "ignoring DaemonSet-managed Pods: "
    And node w3-k8s shows status "Ready,SchedulingDisabled"
    And pod db was not recreated
    And no pod of deployment weserver runs on node w3-k8s
    And 1 pod of daemonset kube-system/kube-proxy runs on node w3-k8s
    And 1 pod of daemonset kube-system/calico-node runs on node w3-k8s
    When 30 seconds pass
    Then all 4 pods of deployment weserver are Running
    And every pod of deployment weserver runs on nodes w1-k8s and w2-k8s

  @S10
  Scenario: S10 without --force drain refuses because of the unmanaged pod db and evicts nothing
    Given the lab cluster
    And pod db is running on node w3-k8s
    When I try to run "kubectl drain w3-k8s --ignore-daemonsets"
    Then the output is:
      """
      node/w3-k8s cordoned
      """
    And the command fails with:
      """
      error: unable to drain node "w3-k8s" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/db, continuing command...
      There are pending nodes to be drained:
       w3-k8s
      cannot delete cannot delete Pods that declare no controller (use --force to override): default/db
      """
    And pod db runs on node w3-k8s
    And pod db was never deleted
    And node w3-k8s shows status "Ready,SchedulingDisabled"

  @S10
  Scenario: S10 without --ignore-daemonsets drain refuses because of the DaemonSet pods
    Given the lab cluster with seed 1
    When I try to run "kubectl drain w3-k8s --force"
    Then the output is:
      """
      node/w3-k8s cordoned
      """
    And the command fails with:
      """
      error: unable to drain node "w3-k8s" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/calico-node-nth57, kube-system/kube-proxy-m2pqd, continuing command...
      There are pending nodes to be drained:
       w3-k8s
      cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/calico-node-nth57, kube-system/kube-proxy-m2pqd
      """
    And 1 pod of daemonset kube-system/kube-proxy runs on node w3-k8s

  @S10
  Scenario: S10 draining the control plane leaves its static (mirror) pods alone
    Given the lab cluster
    When I run "kubectl drain m-k8s --ignore-daemonsets"
    Then the output contains "node/m-k8s drained"
    And the output does not contain "evicting pod kube-system/etcd-m-k8s"
    And the error output does not contain "etcd-m-k8s"
    And pod kube-system/etcd-m-k8s runs on node m-k8s
    And pod kube-system/etcd-m-k8s was never deleted
    And pod kube-system/kube-apiserver-m-k8s was never deleted
    And pod kube-system/kube-controller-manager-m-k8s was never deleted
    And pod kube-system/kube-scheduler-m-k8s was never deleted

  @S10
  Scenario: S10 without --timeout drain waits for the PodDisruptionBudget, retrying every 5 s, until the replacements run elsewhere
    Given a cluster with nodes:
      | name | cpu | memory |
      | n1   | 2   | 4Gi    |
      | n2   | 2   | 4Gi    |
    When I run "kubectl cordon n2"
    And I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx:1.27
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web
      spec:
        maxUnavailable: 1
        selector:
          matchLabels: {app: web}
      """
    And 30 seconds pass
    And I run "kubectl get pdb web"
    # the disruption controller keeps the budget's status: 3 healthy pods, 2 desired
    Then the output is:
      """
      NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
      web    N/A             1                 1                     32s
      """
    When I run "kubectl uncordon n2"
    And I run "kubectl drain n1 --ignore-daemonsets"
    Then the output contains "node/n1 drained"
    And the error output contains "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."
    And no pod of deployment web runs on node n1
    And 3 pods of deployment web run on node n2
