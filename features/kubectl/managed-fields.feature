Feature: managedFields: who set each field
  Every write records its field manager in metadata.managedFields, as kube-apiserver's field
  manager does: kubectl's commands under their --field-manager (`kubectl-run`, `kubectl-label`, …),
  the controllers as kube-controller-manager, the kubelet for pod status (subresource status).
  `-o yaml` leaves them out; `--show-managed-fields` shows them.

  Background:
    Given the lab cluster
    When I run "kubectl run webserver --image=nginx"
    And I run "kubectl label pod webserver tier=web"

  Scenario: each writer owns what it set
    (the entries are sorted by time, then by manager: `kubectl run`'s write comes first; where the
    kubelet's last status write falls among them depends on the second it happens in)
    When I run "kubectl get pod webserver -o jsonpath='{range .metadata.managedFields[?(@.manager!=\"kubelet\")]}{.manager} {.operation} {.subresource} {.fieldsV1.f:metadata}{\"\n\"}{end}'"
    Then the output is:
      """
      kubectl-run Update  {"f:labels":{".":{},"f:run":{}}}
      kubectl-label Update  {"f:labels":{"f:tier":{}}}
      """
    When I run "kubectl get pod webserver -o jsonpath='{range .metadata.managedFields[?(@.manager==\"kubelet\")]}{.manager} {.operation} {.subresource}{\"\n\"}{end}'"
    Then the output is:
      """
      kubelet Update status
      """

  Scenario: -o yaml hides them unless asked
    When I run "kubectl get pod webserver -o yaml"
    Then the output does not contain "managedFields"
    When I run "kubectl get pod webserver -o yaml --show-managed-fields"
    Then the output contains "    manager: kubectl-label"
