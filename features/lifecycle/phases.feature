Feature: Pod phases — Pending, Running, Succeeded, Failed, as the kubelet's getPhase derives them
  Notes, section "POD": the five phases. Pending, Running, Succeeded and Failed are reached below.
  The notes' "node lost → Unknown" is outdated: current control planes never set `Unknown`; pods
  on a dead node keep phase Running with Ready False until the taint eviction deletes them
  (lifecycle-spec 1, 11.7); features/lifecycle/node-lost.feature shows it.

  Background:
    Given the lab cluster

  @P01
  Scenario: P01 an unschedulable pod stays Pending with no node
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: big
      spec:
        nodeSelector:
          disktype: none
        containers:
        - name: nginx
          image: nginx
      """
    Then pod big is Pending
    And pod big shows status "Pending"

  @P01
  Scenario: P01 a long-running server is Running; run-to-completion pods end Succeeded or Failed
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: server
      spec:
        containers:
        - name: nginx
          image: nginx:1.27
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: ok
      spec:
        restartPolicy: Never
        containers:
        - name: job
          image: busybox:1.36
          command: ["sh", "-c", "echo done"]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: broken
      spec:
        restartPolicy: Never
        containers:
        - name: job
          image: busybox:1.36
          command: ["sh", "-c", "exit 3"]
      """
    Then pod server is Running
    And within 10 seconds pod ok is Succeeded
    And pod ok shows status "Completed"
    And pod ok shows ready "0/1"
    And within 10 seconds pod broken is Failed
    And pod broken shows status "Error"
    And container job of pod broken terminated with reason "Error" and exit code 3

  @P01
  Scenario: P01 with restartPolicy Always a crashing container leaves the pod Running (CrashLoopBackOff)
    When I run "kubectl run crasher --image=busybox:1.36 -- sh -c \"exit 1\""
    Then pod crasher is Running
    And pod crasher shows status "CrashLoopBackOff"
