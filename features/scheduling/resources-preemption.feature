Feature: Resource requests and preemption
  The scheduler places pods by their requests (NodeResourcesFit) and, when no node fits, the
  DefaultPreemption plugin evicts pods of strictly lower priority to make room. PriorityClasses
  give pods their priority.

  Scenario: a pod that fits nowhere is Pending with every node's reason; deleting the hog frees room
    Given a cluster with nodes:
      | name | labels                                  | taints                                           | cpu | memory | unschedulable |
      | cp   | node-role.kubernetes.io/control-plane=  | node-role.kubernetes.io/control-plane:NoSchedule | 2   | 4Gi    |               |
      | n1   |                                         |                                                  | 2   | 4Gi    | true          |
      | n2   |                                         |                                                  | 2   | 4Gi    |               |
    And pod hog requesting 1500m cpu is running on node n2
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: big
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
      """
    Then pod big is Pending
    And pod big has a FailedScheduling event:
      """
      0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.
      """
    And the scheduler rejected node n2 for pod big because "Insufficient cpu"
    And the scheduler rejected node n1 for pod big because "node(s) were unschedulable"
    When I run "kubectl delete pod hog"
    And 60 seconds pass
    Then pod big runs on node n2
    And pod hog was not recreated

  Scenario: a high-priority pod preempts a lower-priority pod on a full node
    Given a cluster with nodes:
      | name | cpu | memory | pods |
      | n1   | 2   | 4Gi    | 110  |
    When I apply:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: low
      value: 100
      ---
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: high
      value: 1000
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        priorityClassName: low
        containers:
        - name: app
          image: busybox
          args: ["sleep", "100000"]
          resources:
            requests:
              cpu: 1500m
      """
    And 30 seconds pass
    Then pod batch runs on node n1
    And pod batch is Running
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: urgent
      spec:
        priorityClassName: high
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
      """
    Then pod urgent has a FailedScheduling event:
      """
      0/1 nodes are available: 1 Insufficient cpu.
      """
    When 60 seconds pass
    Then pod urgent runs on node n1
    And pod urgent is Running
    And pod batch was not recreated
    And pod batch does not exist
    # Events outlive their pod (kube-apiserver --event-ttl, one hour by default).
    And pod batch has a "Preempted" event starting "Preempted by pod "

  Scenario: a pod of equal priority preempts nothing
    Given a cluster with nodes:
      | name | cpu | memory |
      | n1   | 2   | 4Gi    |
    And pod first requesting 1500m cpu is running on node n1
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: second
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
      """
    And 60 seconds pass
    Then pod second is Pending
    And pod second has a FailedScheduling event:
      """
      0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.
      """
    And pod first was never deleted
