Feature: Multi-container pod patterns — sidecar, ambassador, adapter
  Notes, section "K8s Pod 구성패턴": several containers in one pod share its sandbox — one pod IP,
  one network namespace (`localhost`), and the volumes both mount. READY counts every container.
  The collector's `tail -f <file>` is outside the behaviour model: it runs until stopped and the
  pod gets one Warning `NotModelled` event saying so, instead of a silent guess.

  Background:
    Given the lab cluster

  @M01
  Scenario: M01 sidecar: a web server writes logs to a shared emptyDir, a collector reads them
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-sidecar
      spec:
        volumes:
        - name: logs
          emptyDir: {}
        containers:
        - name: web
          image: nginx:1.27
          volumeMounts:
          - name: logs
            mountPath: /var/log/nginx
        - name: log-collector
          image: busybox:1.36
          command: ["sh", "-c", "tail -f /var/log/nginx/access.log"]
          volumeMounts:
          - name: logs
            mountPath: /var/log/nginx
      """
    Then pod web-sidecar is Running
    And pod web-sidecar shows ready "2/2"
    And pod web-sidecar shows status "Running"
    And container web of pod web-sidecar is running
    And container log-collector of pod web-sidecar is running
    When I run "kubectl describe pod web-sidecar"
    Then the output contains "      /var/log/nginx from logs (rw)"
    And the output contains "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)"
    And pod web-sidecar has a "NotModelled" event starting "Container log-collector: the simulator does not model \"sh -c tail -f /var/log/nginx/access.log\""

  @M02
  Scenario: M02 ambassador: the app and its proxy share one pod IP
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: ambassador
      spec:
        containers:
        - name: app
          image: busybox:1.36
          command: ["sleep", "infinity"]
        - name: proxy
          image: nginx:1.27
      """
    Then pod ambassador shows ready "2/2"
    And pod ambassador shows status "Running"
    And node w3-k8s has 1 sandbox for pod ambassador
    When I run "curl {pod IP of ambassador}:80" from node w1-k8s
    Then the output contains "<title>Welcome to nginx!</title>"
    When I run "kubectl exec ambassador -c proxy -- curl -s localhost:80"
    Then the output contains "<title>Welcome to nginx!</title>"

  @M03
  Scenario: M03 adapter: an app and a metrics adapter run side by side
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: adapter
      spec:
        containers:
        - name: app
          image: redis:7.4
        - name: metrics-adapter
          image: oliver006/redis_exporter:v1.62.0
      """
    Then pod adapter shows ready "2/2"
