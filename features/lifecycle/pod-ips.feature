Feature: Pod IPs from the node's podCIDR — and what a pod sees when the range is full
  A node with spec.podCIDR and no Calico (captures of GKE, EKS or kubeadm clusters whose controller
  manager allocates node CIDRs) gives pods addresses from its own range with host-local IPAM: the
  bridge's gateway keeps .1, pods get .2, .3 and so on. When no address is left the kubelet cannot
  create the pod's sandbox: the pod stays ContainerCreating, the kubelet records
  FailedCreatePodSandBox with the CNI plugin's error and tries again after its 10 s back-off, and the
  pod starts as soon as an address is free again.

  Scenario: a full /30 podCIDR keeps the second pod in ContainerCreating until the first one goes
    Given the cluster from "tiny-podcidr-node.yaml"
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: first
      spec:
        nodeName: tiny-1
        containers:
        - name: nginx
          image: nginx:1.27
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: second
      spec:
        nodeName: tiny-1
        containers:
        - name: nginx
          image: nginx:1.27
      """
    Then within 30 seconds pod first is Running
    And pod second shows status "ContainerCreating"
    And pod second has a "FailedCreatePodSandBox" event starting "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "
    When I run "kubectl describe pod second"
    Then the output contains "plugin type=\"bridge\" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.9.0.1-10.9.0.2"
    When I run "kubectl get pods -o wide"
    Then the output contains "10.9.0.2"
    When I run "kubectl delete pod first"
    Then within 30 seconds pod second is Running
    When I run "kubectl get pods -o wide"
    Then the output is:
      """
      NAME     READY   STATUS    RESTARTS   AGE   IP         NODE     NOMINATED NODE   READINESS GATES
      second   1/1     Running   0          11s   10.9.0.2   tiny-1   <none>           <none>
      """
