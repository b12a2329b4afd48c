Feature: Our own cluster — payments-api survives draining any one critical node
  The platform team's rule: every replica of payments-api runs on the `pool=critical` nodes,
  spread over three zones (`maxSkew: 1`, `whenUnsatisfiable: DoNotSchedule`), and survives
  draining any one node for maintenance. "Draining any one node" replays the scenario's files
  once per node, runs `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force`
  there and checks the replicas afterwards. (`--force` because pods imported from a capture have
  lost their owners; imported pods a ReplicaSet, StatefulSet or Job had created are recreated
  after the drain, as their controller would, so they take room as they would.)

  Scenario: with one critical node per zone, a drain leaves two replicas Pending
    This is what the real scheduler does, and the finding for the platform team: the drained
    node's zone still counts as a topology domain (nodeTaintsPolicy defaults to Ignore, so the
    cordon's node.kubernetes.io/unschedulable taint does not remove it), with 0 replicas now.
    Any other zone already has 2: a third there would make the skew 3 - 0 = 3 > maxSkew 1, so the
    two evicted replicas stay Pending until the node is uncordoned. The PodDisruptionBudget
    (minAvailable: 4) lets the drain finish, so nothing stops it: the team runs with 4 of 6
    replicas for the whole maintenance window.
    Given the cluster from "gke-nodes.yaml"
    And the existing pods from "gke-pods.yaml"
    When I install "helm-payments.yaml"
    Then every pod of deployment payments/payments-api runs on a node labelled "pool=critical"
    And draining any one node labelled "pool=critical" leaves 2 replicas of deployment payments/payments-api Pending

  Scenario: the evicted replicas are Pending because of the zone spread
    Given the cluster from "gke-nodes.yaml"
    And the existing pods from "gke-pods.yaml"
    When I install "helm-payments.yaml"
    And I run "kubectl drain gke-prod-eu-critical-5e6f7a8b-k2lm --ignore-daemonsets --delete-emptydir-data --force"
    Then 2 pods of deployment payments/payments-api are Pending
    And 4 pods of deployment payments/payments-api are Running
    When I run "kubectl get events -n payments"
    Then the output contains "0/8 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod topology spread constraints, 2 node(s) had untolerated taint {cloud.google.com/gke-spot: true}, 3 node(s) didn't match Pod's node affinity/selector."

  Scenario: with two critical nodes per zone, every replica survives draining any one node
    The critical pool after `gcloud container clusters resize prod-eu --node-pool critical
    --num-nodes 2` (2 nodes in each zone): evicted replicas move to the other critical node of
    their zone, and the zone spread stays within maxSkew.
    Given the cluster from "gke-nodes-critical-resized.yaml"
    And the existing pods from "gke-pods-critical-resized.yaml"
    When I install "helm-payments.yaml"
    Then every pod of deployment payments/payments-api runs on a node labelled "pool=critical"
    And the pods of deployment payments/payments-api are spread over 3 zones
    And draining any one node labelled "pool=critical" keeps every replica of deployment payments/payments-api Running
