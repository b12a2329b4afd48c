Feature: Node Selector — a pod runs only on nodes that carry the labels it selects
  Notes, section "Node Selector": `kubectl label node w{1,2}-k8s cpu=2core_over` (the shell
  expands the braces into the two node names), then the pod `webserver` with
  `nodeSelector: {cpu: "2core_over"}` runs on w1-k8s or w2-k8s and never elsewhere.

  @S01
  Scenario: S01 the webserver pod runs only on a node labelled cpu=2core_over
    Given the lab cluster
    When I run "kubectl label node w1-k8s w2-k8s cpu=2core_over"
    Then the output is:
      """
      node/w1-k8s labeled
      node/w2-k8s labeled
      """
    And node w1-k8s has label "cpu=2core_over"
    And node w2-k8s has label "cpu=2core_over"
    When I apply "webserver-pod.yaml"
    Then the output is:
      """
      pod/webserver created
      """
    And pod webserver runs on one of w1-k8s, w2-k8s
    And the scheduler rejected node w3-k8s for pod webserver because "node(s) didn't match Pod's node affinity/selector"
    And the scheduler rejected node m-k8s for pod webserver because "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
    When 30 seconds pass
    Then pod webserver is Running

  @S01
  Scenario Outline: S01 whatever the random tie-break (seed <seed>), the pod never lands on an unlabelled node
    Given the lab cluster with seed <seed>
    When I run "kubectl label node w1-k8s w2-k8s cpu=2core_over"
    And I apply "webserver-pod.yaml"
    Then pod webserver runs on one of w1-k8s, w2-k8s

    Examples:
      | seed |
      | 2    |
      | 3    |
      | 4    |
      | 5    |

  Scenario: a nodeSelector that no node satisfies leaves the pod Pending with the exact FailedScheduling text
    Given the lab cluster
    When I apply "webserver-pod.yaml"
    Then pod webserver is Pending
    And pod webserver has a FailedScheduling event:
      """
      0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.
      """
    When I run "kubectl describe pod webserver"
    Then the output contains "default-scheduler  0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."
    When I run "kubectl label node w3-k8s cpu=2core_over"
    Then pod webserver runs on node w3-k8s

  Scenario: nodes read from `kubectl get nodes -o yaml`; the only matching node is cordoned until uncordon
    Given the nodes from "small-cluster-nodes.yaml"
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: fast-disk
      spec:
        nodeSelector:
          disktype: ssd
        containers:
        - name: app
          image: nginx
      """
    Then pod fast-disk is Pending
    And pod fast-disk has a FailedScheduling event:
      """
      0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
      """
    And node k8s-w2 shows status "Ready,SchedulingDisabled"
    When I run "kubectl uncordon k8s-w2"
    Then the output is:
      """
      node/k8s-w2 uncordoned
      """
    And pod fast-disk runs on node k8s-w2
