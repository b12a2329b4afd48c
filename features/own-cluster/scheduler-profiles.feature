Feature: Our own cluster — scheduler profiles and A/B comparisons
  The same capture of the production GKE cluster, run under kube-scheduler's defaults and under a
  bin-packing profile (NodeResourcesFit MostAllocated, balanced-allocation and image-locality
  scores disabled).

  Scenario: bin-packing puts the storefront on fewer nodes than kube-scheduler's defaults
    Given the cluster from "gke-nodes.yaml"
    And the existing pods from "gke-pods.yaml"
    When I install "storefront.yaml"
    And I compare the scheduler configurations "profiles/default.yaml" and "profiles/bin-packing.yaml"
    Then under "bin-packing", deployment web/storefront uses at most 2 nodes
    And under "default", deployment web/storefront uses 3 nodes
    And under "bin-packing", no pod is pending
    And under "default", no pod is pending
    And the imbalance under "bin-packing" is higher than under "default"

  Scenario: the cluster runs the custom profile
    Given the scheduler configuration "profiles/bin-packing.yaml"
    And the cluster from "gke-nodes.yaml"
    And the existing pods from "gke-pods.yaml"
    When I install "storefront.yaml"
    Then every pod of deployment web/storefront runs on gke-prod-eu-default-pool-a1b2c3d4-3f9a or gke-prod-eu-default-pool-a1b2c3d4-7c21
    And for every seed from 1 to 10, every pod of deployment web/storefront runs on a node labelled "cloud.google.com/gke-nodepool=default-pool"

  Scenario: an invalid configuration is refused with kube-scheduler's own message
    Given a file "bad-scheduler.yaml" containing:
      """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
        - schedulerName: default-scheduler
          pluginConfig:
            - name: InterPodAffinity
              args:
                hardPodAffinityWeight: 150
      """
    Then the scheduler configuration "bad-scheduler.yaml" is refused with:
      """
      bad-scheduler.yaml: profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 150: not in valid range [0, 100]
      """

  Scenario: two profiles in one scheduler — each pod picks its own with spec.schedulerName
    profiles/two-profiles.yaml runs kube-scheduler's defaults as default-scheduler and a
    bin-packing profile (MostAllocated) as bin-packing. The report renderers ask for bin-packing
    and fill the two default-pool nodes that are already the busiest (kube-dns and checkout run
    there), leaving gke-prod-eu-default-pool-a1b2c3d4-b04e free; the storefront, scheduled by the
    defaults (LeastAllocated), goes mostly to that emptiest node.
    Given the scheduler configuration "profiles/two-profiles.yaml"
    And the cluster from "gke-nodes.yaml"
    And the existing pods from "gke-pods.yaml"
    When I install "reports.yaml"
    And I install "storefront.yaml"
    Then deployment batch/reports uses 2 nodes
    And for every seed from 1 to 10, every pod of deployment batch/reports runs on gke-prod-eu-default-pool-a1b2c3d4-3f9a or gke-prod-eu-default-pool-a1b2c3d4-7c21
    And 4 pods of deployment web/storefront run on node gke-prod-eu-default-pool-a1b2c3d4-b04e
    When I run "kubectl get events -n batch -o wide"
    Then the output contains "bin-packing"
    When I run "kubectl get events -n web -o wide"
    Then the output contains "default-scheduler"

  Scenario: a pod naming a scheduler that no profile serves stays Pending, without an event
    Given the scheduler configuration "profiles/two-profiles.yaml"
    And the cluster from "gke-nodes.yaml"
    And a file "typo.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: typo
      spec:
        schedulerName: binpacking
        containers:
          - name: app
            image: nginx:1.27
      """
    When I install "typo.yaml"
    Then pod typo is Pending
    When I run "kubectl get events"
    Then the error output contains "No resources found in default namespace."
