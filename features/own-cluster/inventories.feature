Feature: Real inventories — node captures from GKE, EKS and kubeadm clusters
  `kubectl get nodes -o yaml` (or `-o json`) of a real cluster loads as it is: a List of Nodes with
  managed fields, labels, taints, allocatable and images.

  Scenario Outline: a <provider> capture loads with its pools and taints
    Given the cluster from "<capture>"
    When I run "kubectl get nodes"
    Then the output contains "<node>"
    And node <node> has label "<label>"
    And node <node> shows status "Ready"

    Examples:
      | provider | capture            | node                                     | label                                    |
      | GKE      | gke-nodes.yaml     | gke-prod-eu-critical-5e6f7a8b-k2lm       | pool=critical                            |
      | EKS      | eks-nodes.json     | ip-10-0-99-49.eu-west-1.compute.internal | eks.amazonaws.com/nodegroup=gpu-20250901 |
      | kubeadm  | kubeadm-nodes.yaml | cp-1                                     | kubernetes.io/hostname=cp-1              |

  Scenario Outline: the <pool> pool's taint keeps the storefront off it
    Given the cluster from "<capture>"
    When I install "storefront.yaml"
    Then no pod of deployment web/storefront runs on node <node>

    Examples:
      | pool     | capture            | node                                     |
      | critical | gke-nodes.yaml     | gke-prod-eu-critical-5e6f7a8b-k2lm       |
      | spot     | gke-nodes.yaml     | gke-prod-eu-spot-pool-0c1d2e3f-9d0c      |
      | gpu      | eks-nodes.json     | ip-10-0-99-49.eu-west-1.compute.internal |
      | control  | kubeadm-nodes.yaml | cp-1                                     |
