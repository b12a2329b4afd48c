Feature: namespaces, their ServiceAccounts and their deletion
  What kube-apiserver and kube-controller-manager give every namespace: phase Active, a `default`
  ServiceAccount and the `kube-root-ca.crt` ConfigMap; a pod whose ServiceAccount does not exist
  is refused; deleting a namespace makes it Terminating, refuses anything new in it, deletes what
  is in it (pods through their graceful termination), and then the namespace is gone.

  Background:
    Given the lab cluster

  Scenario: a new namespace is Active, with its default ServiceAccount and the root CA ConfigMap
    When I run "kubectl create namespace team-a"
    And I run "kubectl get namespace team-a -o jsonpath='{.status.phase} {.spec.finalizers}'"
    Then the output is:
      """
      Active ["kubernetes"]
      """
    When I run "kubectl get serviceaccounts,configmaps -n team-a -o name"
    Then the output is:
      """
      serviceaccount/default
      configmap/kube-root-ca.crt
      """
    When I run "kubectl get configmap kube-root-ca.crt -n team-a -o jsonpath='{.metadata.annotations.kubernetes\.io/description}'"
    Then the output is:
      """
      Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.
      """

  Scenario: a pod naming a ServiceAccount that does not exist is refused until it exists
    Given a file "builder.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: builder
      spec:
        serviceAccountName: builder
        containers:
        - name: build
          image: busybox:1.36
          command: ['sleep', '3600']
      """
    When I try to run "kubectl apply -f builder.yaml"
    Then the command fails with:
      """
      Error from server (Forbidden): error when creating "builder.yaml": pods "builder" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found
      """
    When I run "kubectl create serviceaccount builder"
    Then the output is:
      """
      serviceaccount/builder created
      """
    When I run "kubectl apply -f builder.yaml"
    Then the output is:
      """
      pod/builder created
      """
    And pod builder is Running

  Scenario: deleting a namespace refuses anything new in it, deletes its pods, then the namespace
    When I run "kubectl create namespace team-a"
    And I run "kubectl run sleeper -n team-a --image=busybox:1.36 -- sleep 3600"
    And I run "kubectl delete namespace team-a --wait=false"
    Then the output is:
      """
      namespace "team-a" deleted
      """
    When I run "kubectl get namespace team-a"
    Then the output contains "Terminating"
    When I try to run "kubectl run late -n team-a --image=nginx"
    Then the command fails with:
      """
      Error from server (Forbidden): pods "late" is forbidden: unable to create new content in namespace team-a because it is being terminated
      """
    When I run "kubectl delete namespace team-a"
    And I try to run "kubectl get namespace team-a"
    Then the command fails with:
      """
      Error from server (NotFound): namespaces "team-a" not found
      """

  Scenario: default, kube-system and kube-public may not be deleted
    When I try to run "kubectl delete namespace default"
    Then the command fails with:
      """
      Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted
      """
    When I try to run "kubectl delete namespace kube-system kube-public"
    Then the command fails with:
      """
      Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted
      Error from server (Forbidden): namespaces "kube-public" is forbidden: this namespace may not be deleted
      """
