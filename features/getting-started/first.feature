Feature: A first scenario

  Scenario: a pod that needs an SSD waits for a node that has one
    Given a cluster with nodes:
      | name | labels       |
      | n1   | disktype=hdd |
      | n2   |              |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: db
      spec:
        nodeSelector:
          disktype: ssd
        containers:
        - name: db
          image: redis
      """
    Then pod db is Pending
    And pod db has a FailedScheduling event:
      """
      0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.
      """
    When I run "kubectl label node n2 disktype=ssd"
    Then pod db runs on node n2
    And pod db is Running
