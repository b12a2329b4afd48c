Feature: Pod Affinity and Anti-Affinity — place pods relative to other pods
  Notes, sections "Pod Affinity 테스트" and "Pod AntiAffinity 테스트": the Deployment `frontend`
  (5 busybox replicas running `sleep 100000`) requires, with topologyKey kubernetes.io/hostname
  ("the same node"), to share a node with an `app=backend` pod (affinity) or never to share one
  (anti-affinity).

  @S03
  Scenario: S03 required pod affinity puts all 5 frontend pods next to the backend pod on w3-k8s
    Given the lab cluster
    And pod backend labelled "app=backend" is running on node w3-k8s
    When I apply "frontend-affinity.yaml"
    Then the output is:
      """
      deployment.apps/frontend created
      """
    And every pod of deployment frontend runs on w3-k8s
    And the scheduler rejected node w1-k8s for every pod of deployment frontend because "node(s) didn't match pod affinity rules"
    And the scheduler rejected node w2-k8s for every pod of deployment frontend because "node(s) didn't match pod affinity rules"
    When 30 seconds pass
    Then all 5 pods of deployment frontend are Running

  @S03
  Scenario: S03 without any backend pod the affinity cannot be met and the frontend pods stay Pending
    Given the lab cluster
    When I apply "frontend-affinity.yaml"
    Then all 5 pods of deployment frontend are Pending
    And every pod of deployment frontend has a FailedScheduling event:
      """
      0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.
      """
    When pod backend labelled "app=backend" is running on node w2-k8s
    Then every pod of deployment frontend runs on w2-k8s

  @S04
  Scenario: S04 required pod anti-affinity keeps every frontend pod off w1-k8s, where the backend runs
    Given the lab cluster
    And pod backend labelled "app=backend" is running on node w1-k8s
    When I apply "frontend-anti-affinity.yaml"
    Then no pod of deployment frontend runs on node w1-k8s
    And the scheduler rejected node w1-k8s for every pod of deployment frontend because "node(s) didn't match pod anti-affinity rules"
    And the pods of deployment frontend are spread over nodes w2-k8s and w3-k8s
    When 30 seconds pass
    Then all 5 pods of deployment frontend are Running

  Scenario: anti-affinity to its own pods runs out of nodes: one replica per worker, the fourth stays Pending
    Given the lab cluster
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: one-per-node
      spec:
        replicas: 4
        selector:
          matchLabels:
            app: one-per-node
        template:
          metadata:
            labels:
              app: one-per-node
          spec:
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector:
                    matchLabels:
                      app: one-per-node
                  topologyKey: kubernetes.io/hostname
            containers:
            - name: nginx
              image: nginx
      """
    Then 1 pod of deployment one-per-node runs on node w1-k8s
    And 1 pod of deployment one-per-node runs on node w2-k8s
    And 1 pod of deployment one-per-node runs on node w3-k8s
    And 0 pods of deployment one-per-node run on node m-k8s
    And 1 pod of deployment one-per-node is Pending
    And every Pending pod of deployment one-per-node has a FailedScheduling event:
      """
      0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.
      """
    When 30 seconds pass
    Then 3 pods of deployment one-per-node are Running
    When I run "kubectl get deployment one-per-node"
    Then the output contains "one-per-node   3/4     4            3           31s"
