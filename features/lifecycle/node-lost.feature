Feature: Node lost — a stopped kubelet turns its node NotReady; its pods keep phase Running, are evicted after 300s and stay Terminating
  Notes, section "POD": "node lost → Unknown". That is outdated: current control planes never set
  the pod phase Unknown. What a real cluster shows when a node's kubelet stops (lifecycle-spec
  6, 11.7; scheduler-spec 10.3, 10.5): after the node-monitor grace period (50s, the
  kube-controller-manager default since 1.32) the node lifecycle controller sets the
  node's conditions to Unknown, `kubectl get nodes` shows NotReady, the node is tainted
  node.kubernetes.io/unreachable (NoSchedule and NoExecute) and its pods get Ready False — their
  phase and STATUS stay Running. 300s later (the tolerationSeconds every pod gets by admission)
  the taint eviction controller deletes them: they show Terminating for as long as no kubelet
  confirms, while their controllers create replacements on other nodes. DaemonSet pods tolerate
  unreachable for ever and stay. Starting the kubelet again heals the node.

  The pod names and IPs asserted below are those of the lab cluster built with seed 1.

  Background:
    Given the lab cluster with seed 1
    And pod solo is running on node w1-k8s

  @P01
  Scenario: P01 node lost: the node goes NotReady, its pods stay Running (not Unknown) with Ready False
    When the kubelet on w1-k8s stops
    And 30 seconds pass
    Then node w1-k8s shows status "Ready"
    When 30 seconds pass
    Then node w1-k8s shows status "NotReady"
    And the Ready condition of node w1-k8s is "Unknown" with reason "NodeStatusUnknown"
    And the MemoryPressure condition of node w1-k8s is "Unknown" with reason "NodeStatusUnknown"
    And node w1-k8s has taint "node.kubernetes.io/unreachable:NoSchedule"
    And node w1-k8s has taint "node.kubernetes.io/unreachable:NoExecute"
    And pod solo is Running
    And pod solo shows status "Running"
    And pod solo shows ready "1/1"
    And the Ready condition of pod solo is "False"
    And pod solo has a "NodeNotReady" event "Node is not ready"
    When I run "kubectl get nodes"
    Then the output is:
      """
      NAME     STATUS     ROLES           AGE   VERSION
      m-k8s    Ready      control-plane   74s   v1.33.1
      w1-k8s   NotReady   <none>          63s   v1.33.1
      w2-k8s   Ready      <none>          63s   v1.33.1
      w3-k8s   Ready      <none>          63s   v1.33.1
      """
    When I run "kubectl describe node w1-k8s"
    Then the output contains "Ready                Unknown   Thu, 01 Jan 2026 00:00:11 +0000   Thu, 01 Jan 2026 00:01:04 +0000   NodeStatusUnknown   Kubelet stopped posting node status."
    And the output contains "Normal  NodeNotReady  "

  @P01
  Scenario: P01 node lost: after tolerationSeconds (300s) the pods are deleted, stay Terminating, and are replaced elsewhere
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx
      """
    And the kubelet on w1-k8s stops
    And 5 minutes pass
    Then pod solo shows status "Running"
    When 1 minute passes
    Then pod solo shows status "Terminating"
    And pod solo has a "TaintManagerEviction" event "Marking for deletion Pod default/solo"
    When I run "kubectl get pods -o wide"
    Then the output is:
      """
      NAME                   READY   STATUS        RESTARTS   AGE    IP               NODE     NOMINATED NODE   READINESS GATES
      solo                   1/1     Terminating   0          6m3s   172.16.244.1     w1-k8s   <none>           <none>
      web-7957885594-99hh7   1/1     Running       0          6m2s   172.16.86.65     w2-k8s   <none>           <none>
      web-7957885594-d2lnk   1/1     Running       0          6m2s   172.16.134.129   w3-k8s   <none>           <none>
      web-7957885594-lfdnl   1/1     Running       0          10s    172.16.134.130   w3-k8s   <none>           <none>
      web-7957885594-x7844   1/1     Terminating   0          6m2s   172.16.244.2     w1-k8s   <none>           <none>
      """
    When 60 minutes pass
    Then pod solo shows status "Terminating"
    And pod web-7957885594-x7844 shows status "Terminating"
    And pod web-7957885594-lfdnl shows status "Running"
    And pod kube-system/calico-node-bvgxb shows status "Running"
    And pod kube-system/kube-proxy-6gbbh shows status "Running"
    And pod kube-system/kube-proxy-6gbbh has no "TaintManagerEviction" event

  @P01
  Scenario: P01 starting the kubelet again heals the node: taints go, Terminating pods are removed
    When the kubelet on w1-k8s stops
    And 6 minutes pass
    Then pod solo shows status "Terminating"
    When the kubelet on w1-k8s starts
    Then node w1-k8s shows status "Ready"
    And node w1-k8s has no taint "node.kubernetes.io/unreachable:NoExecute"
    And node w1-k8s has no taint "node.kubernetes.io/unreachable:NoSchedule"
    And pod solo does not exist
    When I run "kubectl get events"
    Then the output contains "5m10s       Warning   NodeNotReady              pod/solo      Node is not ready"
    And the output contains "10s         Normal    TaintManagerEviction      pod/solo      Marking for deletion Pod default/solo"
    And the output contains "5m10s       Normal    NodeNotReady              node/w1-k8s   Node w1-k8s status is now: NodeNotReady"
    And the output contains "0s          Normal    Starting                  node/w1-k8s   Starting kubelet."
    And the output contains "0s          Normal    NodeReady                 node/w1-k8s   Node w1-k8s status is now: NodeReady"
