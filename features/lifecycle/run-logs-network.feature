Feature: kubectl run, logs, curl and port-forward — a pod from creation to answering requests
  Notes, section "POD": `kubectl run webserver2 --image=nginx:1.14 --port 80`, then
  `kubectl logs`, `curl <pod IP>` and `kubectl port-forward`. The lab nodes run CentOS 7, whose
  curl is 7.29: a refused connection reads `curl: (7) Failed connect to IP:PORT; Connection
  refused` (current curl 8 says `Failed to connect to IP port PORT after 0 ms: Couldn't connect to
  server`). Where the notes expect "the log shows nginx starting": nginx 1.14 has no entrypoint
  script and logs only warnings, so `kubectl logs` prints nothing until something goes wrong;
  images from nginx 1.19 on print their entrypoint lines.

  Background:
    Given the lab cluster

  @P03
  Scenario: P03 a pod started with kubectl run gets a node and an IP and answers on port 80
    When I run "kubectl run webserver2 --image=nginx:1.14 --port 80"
    Then the output is:
      """
      pod/webserver2 created
      """
    And pod webserver2 is Running
    And pod webserver2 shows status "Running"
    And pod webserver2 shows ready "1/1"
    When I run "kubectl logs webserver2"
    Then the output is:
      """
      """
    When I run "curl {pod IP of webserver2}" from node m-k8s
    Then the output contains "<h1>Welcome to nginx!</h1>"
    When I try to run "curl {pod IP of webserver2}:8080" from node w1-k8s
    Then the error output contains "; Connection refused"
    And the error output contains "curl: (7) Failed connect to 172.16."
    When I run "kubectl port-forward webserver2 8080:80"
    Then the output is:
      """
      Forwarding from 127.0.0.1:8080 -> 80
      Forwarding from [::1]:8080 -> 80
      """
    When I run "curl localhost:8080" on node m-k8s
    Then the output contains "<title>Welcome to nginx!</title>"
    When I try to run "curl localhost:8081" on node m-k8s
    Then the command fails with:
      """
      curl: (7) Failed connect to localhost:8081; Connection refused
      """

  @P03
  Scenario: P03 a recent nginx logs its start-up; a server listens on its image's port even without containerPort
    When I run "kubectl run web --image=nginx:1.27"
    Then pod web is Running
    When I run "kubectl logs web"
    Then the output contains "/docker-entrypoint.sh: Configuration complete; ready for start up"
    When I run "curl {pod IP of web}:80" from node w2-k8s
    Then the output contains "html { color-scheme: light dark; }"

  Scenario: a ClusterIP Service forwards to a ready endpoint; without endpoints the connection is refused
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: httpd
        labels:
          app: web
      spec:
        containers:
        - name: httpd
          image: httpd:2.4
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
        - port: 8000
          targetPort: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: nobody
      spec:
        selector:
          app: nothing
        ports:
        - port: 80
      """
    And I run "curl {cluster IP of web}:8000" from node w1-k8s
    Then the output is:
      """
      <html><body><h1>It works!</h1></body></html>
      """
    When I try to run "curl {cluster IP of nobody}" from node w1-k8s
    Then the error output contains "; Connection refused"
