Feature: Scheduling on our own nodes
  nodes.yaml is what `kubectl get nodes -o yaml` printed for our cluster (replace it with yours).

  @E02
  Scenario: the web deployment stays on the general pool
    Given the cluster from "nodes.yaml"
    When I install "web.yaml"
    Then every pod of deployment default/web runs on a node labelled "pool=general"
    And for every seed from 1 to 10, every pod of deployment default/web runs on a node labelled "pool=general"
