Feature: Requests, limits and the OOM killer
  Notes, section "POD" (resources): the scheduler places by requests, and a container that goes
  over its memory limit is OOM-killed. The notes say such a pod is "rescheduled" — that is wrong:
  the kubelet restarts the container in place (same pod, same node, same IP), RESTARTS grows and
  the usual back-off applies (lifecycle-spec 10; experiments.md "Where the notes are wrong").
  Memory use is scripted with the annotation `kube-scenarios.io/memory: "<time>=<quantity>,…"`.

  Background:
    Given the lab cluster

  @P07
  Scenario: P07 nothing fits a pod requesting more cpu than any node has
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: hungry
      spec:
        containers:
        - name: app
          image: nginx:1.27
          resources:
            requests:
              cpu: "8"
      """
    Then pod hungry is Pending
    And pod hungry has a FailedScheduling event:
      """
      0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.
      """

  @P07
  Scenario: P07 an OOM-killed container restarts in place: same node, same pod, growing restarts
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: leaky
        annotations:
          kube-scenarios.io/memory: "0s=50Mi,20s=300Mi"
      spec:
        containers:
        - name: app
          image: nginx:1.27
          resources:
            requests:
              memory: 100Mi
            limits:
              memory: 200Mi
      """
    Then pod leaky runs on node w3-k8s
    And pod leaky has 0 restarts
    When 21 seconds pass
    Then pod leaky has 1 restart
    And container app of pod leaky last terminated with reason "OOMKilled" and exit code 137
    And pod leaky runs on node w3-k8s
    And pod leaky was never deleted
    And within 2 minutes pod leaky shows status "CrashLoopBackOff"
    And container app of pod leaky last terminated with reason "OOMKilled" and exit code 137
    And pod leaky runs on node w3-k8s
    When I run "kubectl describe pod leaky"
    Then the output contains "      Reason:       OOMKilled"
    And the output contains "      Exit Code:    137"

  Scenario: with restartPolicy Never an OOM-killed pod ends Failed, STATUS OOMKilled
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: once
        annotations:
          kube-scenarios.io/memory: "0s=50Mi,5s=300Mi"
      spec:
        restartPolicy: Never
        containers:
        - name: app
          image: nginx:1.27
          resources:
            limits:
              memory: 200Mi
      """
    Then within 10 seconds pod once is Failed
    And pod once shows status "OOMKilled"
    And container app of pod once terminated with reason "OOMKilled" and exit code 137
