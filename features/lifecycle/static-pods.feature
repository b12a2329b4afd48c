Feature: Static pods — the kubelet runs the manifests of its staticPodPath
  Notes, section "POD": a manifest placed in `/etc/kubernetes/manifests` (the `staticPodPath` of
  `/var/lib/kubelet/config.yaml`) runs without the API server's say; the API shows a mirror pod
  `<name>-<node>`. Deleting the mirror pod through the API does not stop anything — the kubelet
  puts it back; removing the file stops the pod (lifecycle-spec 9).

  Background:
    Given the lab cluster

  @P06
  Scenario: P06 a manifest file becomes a mirror pod that survives an API delete and goes with the file
    When I write the file "/etc/kubernetes/manifests/static-web.yaml" on node w1-k8s:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: static-web
      spec:
        containers:
        - name: web
          image: nginx:1.27
      """
    Then within 30 seconds pod static-web-w1-k8s exists
    And pod static-web-w1-k8s is Running
    And pod static-web-w1-k8s runs on node w1-k8s
    When I run "kubectl describe pod static-web-w1-k8s"
    Then the output contains "Controlled By:  Node/w1-k8s"
    And the output contains "kubernetes.io/config.source: file"
    When I run "kubectl delete pod static-web-w1-k8s"
    Then the output is:
      """
      pod "static-web-w1-k8s" deleted
      """
    And pod static-web-w1-k8s exists
    And pod static-web-w1-k8s shows status "Running"
    And pod static-web-w1-k8s has 0 restarts
    When I delete the file "/etc/kubernetes/manifests/static-web.yaml" on node w1-k8s
    Then within 1 minute pod static-web-w1-k8s no longer exists

  @P06
  Scenario: P06 the control-plane pods on m-k8s are static pods and drain skips them
    Then pod kube-system/etcd-m-k8s is Running
    And pod kube-system/kube-apiserver-m-k8s is Running
    And pod kube-system/kube-controller-manager-m-k8s is Running
    And pod kube-system/kube-scheduler-m-k8s is Running
    When I run "kubectl describe pod -n kube-system kube-scheduler-m-k8s"
    Then the output contains "Controlled By:  Node/m-k8s"
    When I run "kubectl drain m-k8s --ignore-daemonsets"
    Then pod kube-system/etcd-m-k8s was never deleted
