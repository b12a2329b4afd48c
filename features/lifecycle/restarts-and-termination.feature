Feature: Restarts, back-off, image pulls, Jobs and graceful termination on the virtual clock
  The kubelet restarts a crashed container after 10s, 20s, 40s, 80s … (capped at 5 minutes),
  measured from when it exited; an image that cannot be pulled alternates ErrImagePull and
  ImagePullBackOff; a deleted pod shows Terminating until its containers have stopped (a `sleep`
  PID 1 ignores SIGTERM, so it takes the whole 30s grace period). Lifecycle-spec 3.1, 5, 7.3, 11.5.

  Background:
    Given the lab cluster

  Scenario: CrashLoopBackOff waits 10s, then 20s, then 40s, then 1m20s between restarts
    When I run "kubectl run crasher --image=busybox:1.36 -- sh -c \"exit 1\""
    Then pod crasher shows status "CrashLoopBackOff"
    And pod crasher is Running
    And pod crasher shows ready "0/1"
    And pod crasher has 1 restart
    And container crasher of pod crasher is waiting with a message starting "back-off 10s restarting failed container=crasher pod=crasher_default("
    And container crasher of pod crasher last terminated with reason "Error" and exit code 1
    When 8 seconds pass
    Then pod crasher has 1 restart
    And within 3 seconds pod crasher has 2 restarts
    And within 2 seconds pod crasher shows status "CrashLoopBackOff"
    And container crasher of pod crasher is waiting with a message starting "back-off 20s restarting failed container=crasher"
    When 18 seconds pass
    Then pod crasher has 2 restarts
    And within 3 seconds pod crasher has 3 restarts
    And within 2 seconds pod crasher shows status "CrashLoopBackOff"
    And container crasher of pod crasher is waiting with a message starting "back-off 40s restarting failed container=crasher"
    When 38 seconds pass
    Then pod crasher has 3 restarts
    And within 3 seconds pod crasher has 4 restarts
    And within 2 seconds pod crasher shows status "CrashLoopBackOff"
    And container crasher of pod crasher is waiting with a message starting "back-off 1m20s restarting failed container=crasher"
    And pod crasher has a "BackOff" event starting "Back-off restarting failed container crasher in pod crasher_default("

  Scenario: a container that exits 0 under restartPolicy Always is restarted too (Completed, then CrashLoopBackOff)
    When I run "kubectl run once --image=busybox:1.36 -- sh -c \"echo hello\""
    Then pod once shows status "CrashLoopBackOff"
    And container once of pod once last terminated with reason "Completed" and exit code 0
    When I run "kubectl logs once"
    Then the output is:
      """
      hello
      """

  Scenario: an image that does not exist: ErrImagePull, then ImagePullBackOff
    When I run "kubectl run bad --image=nginxx"
    Then pod bad is Pending
    And within 1 minute pod bad shows status "ErrImagePull"
    And within 1 minute pod bad shows status "ImagePullBackOff"
    And pod bad has a "Failed" event "Error: ErrImagePull"
    And pod bad has a "BackOff" event "Back-off pulling image \"nginxx\""
    When I try to run "kubectl logs bad"
    Then the command fails with:
      """
      Error from server (BadRequest): container "bad" in pod "bad" is waiting to start: trying and failing to pull image
      """

  Scenario: the annotation kube-scenarios.io/image-pull-error makes any image fail to pull
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: private
        annotations:
          kube-scenarios.io/image-pull-error: "true"
      spec:
        containers:
        - name: app
          image: registry.example.com/team/app:1.0
      """
    Then within 1 minute pod private shows status "ImagePullBackOff"

  Scenario: a Job runs its pod to completion
    When I apply:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: pi
              image: busybox:1.36
              command: ["sh", "-c", "sleep 5 && echo 3.14159"]
      """
    Then 1 pod of job pi is Running
    When 10 seconds pass
    Then job pi is complete
    And 1 pod of job pi is Succeeded

  Scenario: a pod deleted while it runs shows Terminating for the grace period, then is gone
    When I run "kubectl run sleeper --image=busybox:1.36 -- sleep 3600"
    Then pod sleeper is Running
    When I run "kubectl delete pod sleeper --wait=false"
    Then the output is:
      """
      pod "sleeper" deleted
      """
    And pod sleeper shows status "Terminating"
    When 20 seconds pass
    Then pod sleeper shows status "Terminating"
    And within 15 seconds pod sleeper no longer exists

  Scenario: a pod deleted again while Terminating keeps its deadline; --force removes it at once
    When I run "kubectl run sleeper --image=busybox:1.36 -- sleep 3600"
    And I run "kubectl delete pod sleeper --wait=false"
    And 5 seconds pass
    And I run "kubectl delete pod sleeper --wait=false"
    Then the output is:
      """
      pod "sleeper" deleted
      """
    And pod sleeper shows status "Terminating"
    When I run "kubectl delete pod sleeper --grace-period=0 --force"
    Then the output is:
      """
      pod "sleeper" force deleted
      """
    And the error output contains "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely."
    And pod sleeper does not exist

  @P11 @tie-break
  Scenario: P11 one pause sandbox per pod, created with it and removed with it
    When I run "kubectl run web --image=nginx:1.27"
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: pair
      spec:
        nodeName: w3-k8s
        containers:
        - name: a
          image: nginx:1.27
        - name: b
          image: busybox:1.36
          command: ["sleep", "3600"]
      """
    Then pod web runs on node w3-k8s
    And node w3-k8s has 1 sandbox for pod web
    And node w3-k8s has 1 sandbox for pod pair
    When I run "crictl pods" on node w3-k8s
    Then the output contains "POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME"
    And the output contains "Ready               pair                default             0                   (default)"
    When I run "crictl ps" on node w3-k8s
    Then the output contains "CONTAINER           IMAGE               CREATED"
    And the output contains "Running             a                   0 "
    And the output contains "Running             b                   0 "
    When I run "kubectl delete pod pair --now"
    Then node w3-k8s has 0 sandboxes for pod pair
    And node w3-k8s has 1 sandbox for pod web
