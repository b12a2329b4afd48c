Feature: Our own cluster — payments on the critical pool
  The platform team keeps these scenarios next to its Helm charts. The inventory is a capture of
  the production GKE cluster (`kubectl get nodes -o yaml`: default-pool, the tainted critical pool
  and a spot pool over three zones) and of what runs there today (`kubectl get pods -A -o yaml`);
  the payments chart is `helm template` output.

  Background:
    Given the cluster from "gke-nodes.yaml"
    And the existing pods from "gke-pods.yaml"

  Scenario: every replica of payments-api lands on the critical pool, spread over three zones
    When I install "helm-payments.yaml"
    Then every pod of deployment payments/payments-api runs on a node labelled "pool=critical"
    And the pods of deployment payments/payments-api are spread over 3 zones
    And all 6 pods of deployment payments/payments-api are Running

  Scenario: the property holds for every tie-break
    When I install "helm-payments.yaml"
    Then for every seed from 1 to 10, every pod of deployment payments/payments-api runs on a node labelled "pool=critical"
    And for every seed from 1 to 10, the pods of deployment payments/payments-api are spread over 3 zones

  Scenario: existing pods stay where the capture has them
    Then pod shop/checkout-7d9f8c6b5-h5n3c runs on node gke-prod-eu-default-pool-a1b2c3d4-3f9a
    And pod shop/ledger-worker-6c8b7d5f9-f8g2k runs on node gke-prod-eu-critical-5e6f7a8b-k2lm
    And pod kube-system/kube-proxy-gke-prod-eu-spot-pool-0c1d2e3f-j3hr is Running
