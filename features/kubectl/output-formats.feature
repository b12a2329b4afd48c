Feature: kubectl -o jsonpath, -o custom-columns and --sort-by
  The output options people reach for after `-o wide`, byte for byte as kubectl 1.33 prints them:
  JSONPath templates (client-go's dialect: ranges, filters, `{"\n"}`), custom columns with their
  relaxed paths, and sorting by any field (kubectl's own, unstable, sort order).

  Background:
    Given the lab cluster
    When I run "kubectl run webserver --image=nginx --port 80"

  Scenario: -o jsonpath picks fields, ranges over items and filters lists
    When I run "kubectl get pod webserver -o jsonpath='{.metadata.name} {.status.conditions[?(@.type==\"Ready\")].status}'"
    Then the output is:
      """
      webserver True
      """
    When I run "kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[*]}{.metadata.name}{\"\t\"}{.spec.nodeName}{\"\n\"}{end}'"
    Then the output is:
      """
      kube-proxy-6gbbh	w1-k8s
      kube-proxy-m2pqd	w3-k8s
      kube-proxy-xlmnx	w2-k8s
      kube-proxy-zzjzr	m-k8s
      """
    When I run "kubectl get nodes -o jsonpath-as-json='{.items[*].metadata.name}'"
    Then the output is:
      """
      [
          "m-k8s",
          "w1-k8s",
          "w2-k8s",
          "w3-k8s"
      ]
      """

  Scenario: a template kubectl cannot parse is an error
    When I try to run "kubectl get pods -o jsonpath='{.items[*'"
    Then the command fails with:
      """
      error: error parsing jsonpath {.items[*, unterminated array
      """

  Scenario: -o custom-columns with --sort-by
    Sorting by a field no object has is an error for a list (-o name, yaml, json, custom-columns).
    A table (the default output) is another matter in kubectl 1.33: one row prints unsorted, and for
    more rows kubectl drops the sorter's error, prints nothing and says "No resources found".
    When I run "kubectl get pods -A --sort-by=.spec.nodeName -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName --no-headers -l k8s-app=kube-proxy"
    Then the output is:
      """
      kube-proxy-zzjzr   m-k8s
      kube-proxy-6gbbh   w1-k8s
      kube-proxy-xlmnx   w2-k8s
      kube-proxy-m2pqd   w3-k8s
      """
    When I run "kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,TAINTS:.spec.taints[*].key"
    Then the output is:
      """
      NAME     CPU   TAINTS
      m-k8s    2     node-role.kubernetes.io/control-plane
      w1-k8s   2     <none>
      w2-k8s   2     <none>
      w3-k8s   2     <none>
      """
    When I try to run "kubectl get pods -o name --sort-by=.spec.priorityClassName"
    Then the command fails with:
      """
      error: couldn't find any field with path "{.spec.priorityClassName}" in the list of objects
      """
