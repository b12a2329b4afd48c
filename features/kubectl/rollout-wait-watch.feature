Feature: kubectl rollout, wait, get -w, patch, expose and api-resources
  The commands that wait for the cluster run on the virtual clock: `rollout status`, `wait` and
  `get -w` let simulated time pass until what they wait for happens (or their timeout), printing
  what kubectl 1.33 prints. `rollout history` and `undo` read the revisions the Deployment
  controller writes on its ReplicaSets.

  Background:
    Given the lab cluster
    And a file "web.yaml" containing:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
              ports: [{containerPort: 80}]
              readinessProbe:
                httpGet: {path: /, port: 80}
                initialDelaySeconds: 40
      """
    When I run "kubectl apply -f web.yaml"

  Scenario: rollout status follows a rollout; history lists the revisions with their change-cause; undo goes back
    When I run "kubectl rollout status deploy/web"
    Then the output contains "Waiting for deployment \"web\" rollout to finish: 0 of 2 updated replicas are available..."
    And the output contains "deployment \"web\" successfully rolled out"
    When I run "kubectl set image deploy/web nginx=nginx:1.26"
    And I run "kubectl annotate deploy/web kubernetes.io/change-cause='nginx 1.26'"
    And I try to run "kubectl rollout status deploy/web --timeout=20s"
    Then the command fails with:
      """
      error: timed out waiting for the condition
      """
    When I run "kubectl rollout status deploy/web"
    Then the output contains "deployment \"web\" successfully rolled out"
    When I run "kubectl rollout history deploy/web"
    Then the output is:
      """
      deployment.apps/web 
      REVISION  CHANGE-CAUSE
      1         <none>
      2         nginx 1.26

      """
    When I run "kubectl rollout undo deploy/web"
    Then the output is:
      """
      deployment.apps/web rolled back
      """
    When I run "kubectl rollout status deploy/web"
    And I run "kubectl rollout history deploy/web"
    Then the output is:
      """
      deployment.apps/web 
      REVISION  CHANGE-CAUSE
      2         nginx 1.26
      3         <none>

      """
    When I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is:
      """
      nginx:1.25 nginx:1.25
      """

  Scenario: wait lets virtual time pass until a condition holds, or fails at its timeout
    (the pods' readiness probes start after 40 s, so the Deployment is not Available after 5 s)
    When I try to run "kubectl wait --for=condition=Available deploy/web --timeout=5s"
    Then the command fails with:
      """
      error: timed out waiting for the condition on deployments/web
      """
    When I run "kubectl wait --for=condition=Available deploy/web --timeout=2m"
    Then the output is:
      """
      deployment.apps/web condition met
      """
    When I run "kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 deploy/web"
    Then the output is:
      """
      deployment.apps/web condition met
      """

  Scenario: get -w prints the table, then a row at each change, until --request-timeout or a quiet cluster
    When I run "kubectl get pods -w"
    Then the output is:
      """
      NAME                   READY   STATUS    RESTARTS   AGE
      web-5559f7c9b8-99hh7   0/1     Running   0          5s
      web-5559f7c9b8-d2lnk   0/1     Running   0          5s
      web-5559f7c9b8-99hh7   1/1     Running   0          45s
      web-5559f7c9b8-d2lnk   1/1     Running   0          45s
      """
    When I run "kubectl get deploy web -w --request-timeout=10s"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE
      web    2/2     2            2           45s
      """

  Scenario: patch changes an object through the API server; an unchanged object is "patched (no change)"
    When I run "kubectl patch deploy web -p '{\"spec\":{\"replicas\":3}}'"
    Then the output is:
      """
      deployment.apps/web patched
      """
    When I run "kubectl patch deploy web --type=merge -p 'spec: {replicas: 3}'"
    Then the output is:
      """
      deployment.apps/web patched (no change)
      """
    When I run "kubectl patch deploy web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.27\"}]'"
    And I run "kubectl rollout status deploy/web"
    And I run "kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'"
    Then the output is:
      """
      nginx:1.27 nginx:1.27 nginx:1.27
      """

  Scenario: expose creates a Service from a Deployment's selector and ports; api-resources lists what the server serves
    When I run "kubectl expose deploy web --port=8080 --target-port=80 --dry-run=client -o yaml"
    Then the output is:
      """
      apiVersion: v1
      kind: Service
      metadata:
        creationTimestamp: null
        name: web
      spec:
        ports:
        - port: 8080
          protocol: TCP
          targetPort: 80
        selector:
          app: web
      status:
        loadBalancer: {}
      """
    When I run "kubectl expose deploy web --port=8080 --target-port=80"
    Then the output is:
      """
      service/web exposed
      """
    When I run "kubectl api-resources --api-group=apps"
    Then the output is:
      """
      NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND
      controllerrevisions                apps/v1      true         ControllerRevision
      daemonsets            ds           apps/v1      true         DaemonSet
      deployments           deploy       apps/v1      true         Deployment
      replicasets           rs           apps/v1      true         ReplicaSet
      statefulsets          sts          apps/v1      true         StatefulSet
      """
