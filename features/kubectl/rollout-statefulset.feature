Feature: kubectl rollout history and undo of a StatefulSet and a DaemonSet
  StatefulSets and DaemonSets keep their history in ControllerRevisions: one per pod template,
  named `<owner>-<hash>` (for a StatefulSet the same name a real cluster gives, which its pods
  carry as `controller-revision-hash`). A new template is rolled out from the highest ordinal down,
  one pod at a time; `rollout undo` patches the template back and the old revision becomes the
  newest, renumbered.

  Background:
    Given the lab cluster
    And a file "db.yaml" containing:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 2
        selector:
          matchLabels: {app: db}
        template:
          metadata:
            labels: {app: db}
          spec:
            containers:
            - name: postgres
              image: postgres:16
      """
    When I run "kubectl apply -f db.yaml"
    And 60 seconds pass

  Scenario: a StatefulSet's image change is revision 2; undo rolls the pods back to revision 1's template, now revision 3
    When I run "kubectl get controllerrevisions"
    Then the output is:
      """
      NAME            CONTROLLER            REVISION   AGE
      db-5888b7ddcb   statefulset.apps/db   1          69s
      """
    When I run "kubectl set image sts/db postgres=postgres:17"
    And I run "kubectl rollout status sts/db"
    Then the output contains "partitioned roll out complete: 2 new pods have been updated..."
    When I run "kubectl get pods -l app=db -o custom-columns=NAME:.metadata.name,REVISION:.metadata.labels.controller-revision-hash,IMAGE:.spec.containers[0].image"
    Then the output is:
      """
      NAME   REVISION        IMAGE
      db-0   db-5669d9867c   postgres:17
      db-1   db-5669d9867c   postgres:17
      """
    When I run "kubectl rollout history sts/db"
    Then the output is:
      """
      statefulset.apps/db 
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>

      """
    When I run "kubectl rollout undo sts/db --dry-run=client"
    Then the output contains "statefulset.apps/db will roll back to Pod Template:"
    And the output contains "Image:	postgres:16"
    When I run "kubectl rollout undo sts/db"
    Then the output is:
      """
      statefulset.apps/db rolled back
      """
    When I run "kubectl rollout status sts/db"
    And I run "kubectl get pods -l app=db -o custom-columns=NAME:.metadata.name,REVISION:.metadata.labels.controller-revision-hash,IMAGE:.spec.containers[0].image"
    Then the output is:
      """
      NAME   REVISION        IMAGE
      db-0   db-5888b7ddcb   postgres:16
      db-1   db-5888b7ddcb   postgres:16
      """
    When I run "kubectl rollout history sts/db"
    Then the output is:
      """
      statefulset.apps/db 
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>

      """
    When I run "kubectl rollout undo sts/db --to-revision=3"
    Then the output is:
      """
      statefulset.apps/db skipped rollback (current template already matches revision 3)
      """

  Scenario: a DaemonSet's history: the revision of its template, and undo to the one before
    When I run "kubectl set image -n kube-system ds/kube-proxy kube-proxy=registry.k8s.io/kube-proxy:v1.33.2"
    And I run "kubectl rollout status -n kube-system ds/kube-proxy"
    And I run "kubectl rollout history -n kube-system ds/kube-proxy --revision=2"
    Then the output contains "daemonset.apps/kube-proxy with revision #2"
    And the output contains "Image:	registry.k8s.io/kube-proxy:v1.33.2"
    When I run "kubectl rollout undo -n kube-system ds/kube-proxy"
    And I run "kubectl rollout status -n kube-system ds/kube-proxy"
    And I run "kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath={.items[*].spec.containers[0].image}"
    Then the output is:
      """
      registry.k8s.io/kube-proxy:v1.33.1 registry.k8s.io/kube-proxy:v1.33.1 registry.k8s.io/kube-proxy:v1.33.1 registry.k8s.io/kube-proxy:v1.33.1
      """
