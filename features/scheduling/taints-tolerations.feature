Feature: Taints and tolerations — a node repels pods that do not tolerate its taints
  Notes, section "node taint & pod toleration 테스트": the Deployment `weserver` (4 nginx
  replicas) against nodes tainted with `kubectl taint nodes NODE key=value:Effect`. m-k8s always
  carries kubeadm's `node-role.kubernetes.io/control-plane:NoSchedule`.

  Background:
    Given the lab cluster

  @S05
  Scenario: S05 pods without tolerations avoid the tainted w3-k8s and m-k8s
    When I run "kubectl taint nodes w3-k8s key01=value01:NoSchedule"
    Then the output is:
      """
      node/w3-k8s tainted
      """
    And node w3-k8s has taint "key01=value01:NoSchedule"
    When I apply "weserver.yaml"
    Then every pod of deployment weserver runs on nodes w1-k8s and w2-k8s
    And the scheduler rejected node w3-k8s for every pod of deployment weserver because "node(s) had untolerated taint {key01: value01}"
    And the scheduler rejected node m-k8s for every pod of deployment weserver because "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
    When 30 seconds pass
    Then all 4 pods of deployment weserver are Running

  @S06
  Scenario: S06 a toleration for a taint no node has changes nothing
    When I run "kubectl taint nodes w3-k8s key01=value01:NoSchedule"
    And I apply "weserver-tolerating.yaml"
    Then every pod of deployment weserver runs on nodes w1-k8s and w2-k8s
    And the scheduler rejected node w3-k8s for every pod of deployment weserver because "node(s) had untolerated taint {key01: value01}"
    When 30 seconds pass
    Then all 4 pods of deployment weserver are Running

  @S07
  Scenario: S07 the pods use the node whose taint they tolerate and the untainted node, never w3-k8s
    When I run "kubectl taint nodes w3-k8s key01=value01:NoSchedule"
    And I run "kubectl taint node w1-k8s role=web:NoSchedule"
    Then the output is:
      """
      node/w1-k8s tainted
      """
    When I apply "weserver-tolerating.yaml"
    Then every pod of deployment weserver runs on nodes w1-k8s and w2-k8s
    And no pod of deployment weserver runs on node w3-k8s
    When 30 seconds pass
    Then all 4 pods of deployment weserver are Running

  @S08
  Scenario: S08 when every node has a taint the pods do not tolerate, they all stay Pending
    When I run "kubectl taint node w1-k8s role=db:NoSchedule"
    And I run "kubectl taint node w2-k8s key01=value01:NoSchedule"
    And I run "kubectl taint node w3-k8s key01=value01:NoSchedule"
    And I apply "weserver-tolerating.yaml"
    And 30 seconds pass
    Then all 4 pods of deployment weserver are Pending
    And every pod of deployment weserver has a FailedScheduling event:
      """
      0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {role: db}, 2 node(s) had untolerated taint {key01: value01}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.
      """
    When I run "kubectl describe pods -l app=webserver"
    Then the output contains "Warning  FailedScheduling"
    And the output contains "default-scheduler  0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {role: db}, 2 node(s) had untolerated taint {key01: value01}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."

  @S08
  Scenario: S08 removing one taint lets the Pending pods schedule onto that node
    When I run "kubectl taint node w1-k8s role=db:NoSchedule"
    And I run "kubectl taint node w2-k8s key01=value01:NoSchedule"
    And I run "kubectl taint node w3-k8s key01=value01:NoSchedule"
    And I apply "weserver-tolerating.yaml"
    Then all 4 pods of deployment weserver are Pending
    When I run "kubectl taint node w1-k8s role=db:NoSchedule-"
    Then the output is:
      """
      node/w1-k8s untainted
      """
    And node w1-k8s has no taint "role=db:NoSchedule"
    And every pod of deployment weserver runs on w1-k8s

  Scenario: PreferNoSchedule steers a pod away from tainted nodes without filtering them
    When I run "kubectl taint node w1-k8s avoid=true:PreferNoSchedule"
    And I run "kubectl taint node w2-k8s avoid=true:PreferNoSchedule"
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: steered
      spec:
        containers:
        - name: nginx
          image: nginx
      """
    Then pod steered runs on node w3-k8s
    And the scheduler scored pod steered:
      | node   | plugin          | score |
      | w1-k8s | TaintToleration | 0     |
      | w2-k8s | TaintToleration | 0     |
      | w3-k8s | TaintToleration | 100   |

  Scenario: PreferNoSchedule on every worker still lets the pod schedule
    When I run "kubectl taint node w1-k8s avoid=true:PreferNoSchedule"
    And I run "kubectl taint node w2-k8s avoid=true:PreferNoSchedule"
    And I run "kubectl taint node w3-k8s avoid=true:PreferNoSchedule"
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: unbothered
      spec:
        containers:
        - name: nginx
          image: nginx
      """
    Then pod unbothered runs on one of w1-k8s, w2-k8s, w3-k8s
    And the scheduler scored pod unbothered:
      | node   | plugin          | score |
      | w1-k8s | TaintToleration | 0     |
      | w2-k8s | TaintToleration | 0     |
      | w3-k8s | TaintToleration | 0     |

  Scenario: kubectl taint refuses a malformed effect and a duplicate taint without --overwrite
    When I try to run "kubectl taint node w1-k8s role=web:NoSchedul"
    Then the command fails with:
      """
      error: invalid taint effect: NoSchedul, unsupported taint effect
      See 'kubectl taint -h' for help and examples
      """
    When I run "kubectl taint node w1-k8s role=web:NoSchedule"
    And I try to run "kubectl taint node w1-k8s role=db:NoSchedule"
    Then the command fails with:
      """
      error: node w1-k8s already has role taint(s) with same effect(s) and --overwrite is false
      """
    And node w1-k8s has taint "role=web:NoSchedule"
