Feature: Node Affinity — required terms filter nodes, preferred terms score them
  Notes, section "Node Affinity 테스트": w1-k8s gets the labels gpu=true cpu=2core disktype=ssd,
  w3-k8s has disktype=ssd but no gpu label, w2-k8s has no disktype label. The pod `nginx-gpu-ssd`
  requires `disktype Exists` and prefers, with ONE term of weight 10, `gpu In [true]` AND
  `disktype In [ssd]`.

  Where the notes are wrong: they credit w1-k8s with "weight 20" and w3-k8s with "weight 10", as
  if each matching expression added the term's weight. In Kubernetes the expressions of one
  preference term are ANDed and the term's weight counts once, only on nodes matching all of
  them: w1-k8s's raw NodeAffinity score is 10 and w3-k8s's is 0. The plugin then normalises
  against the highest raw score (100·raw/max), so the scores the scheduler uses are w1-k8s 100
  and w3-k8s 0 (before the plugin weight 2).

  @S02
  Scenario: S02 the preferred term sends the pod to w1-k8s; w2-k8s is filtered out
    Given the lab cluster
    When I run "kubectl label node w1-k8s gpu=true cpu=2core disktype=ssd"
    Then the output is:
      """
      node/w1-k8s labeled
      """
    When I run "kubectl label node w3-k8s disktype=ssd"
    And I apply "nginx-gpu-ssd.yaml"
    Then pod nginx-gpu-ssd runs on node w1-k8s
    And the scheduler rejected node w2-k8s for pod nginx-gpu-ssd because "node(s) didn't match Pod's node affinity/selector"
    And the scheduler rejected node m-k8s for pod nginx-gpu-ssd because "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
    And the scheduler scored pod nginx-gpu-ssd:
      | node   | plugin       | score |
      | w1-k8s | NodeAffinity | 100   |
      | w3-k8s | NodeAffinity | 0     |

  @S02
  Scenario: S02 a node matching only one expression of the term gets nothing from it
    Given the lab cluster
    When I run "kubectl label node w1-k8s gpu=true"
    And I run "kubectl label node w2-k8s disktype=hdd"
    And I run "kubectl label node w3-k8s disktype=ssd"
    And I apply "nginx-gpu-ssd.yaml"
    Then the scheduler rejected node w1-k8s for pod nginx-gpu-ssd because "node(s) didn't match Pod's node affinity/selector"
    And the scheduler scored pod nginx-gpu-ssd:
      | node   | plugin       | score |
      | w2-k8s | NodeAffinity | 0     |
      | w3-k8s | NodeAffinity | 0     |
    And pod nginx-gpu-ssd runs on one of w2-k8s, w3-k8s
