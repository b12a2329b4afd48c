Feature: Scheduling on the lab cluster
  The lab cluster is a kubeadm cluster: control plane m-k8s and workers w1-k8s, w2-k8s, w3-k8s.

  @E01
  Scenario: a deployment spreads over the workers, never on the tainted control plane
    Given the lab cluster
    When I apply "web.yaml"
    Then all 3 pods of deployment default/web are Running
    And no pod of deployment default/web runs on node m-k8s
    # A step of your own: features/steps/example.steps.ts
    And no node runs more than 1 pod of deployment default/web
