Feature: Init containers — run in order, each must succeed before the next and before the app
  Notes, section "POD" (init containers), with the Kubernetes docs' example: two init containers
  loop on `until nslookup <service>…; do …; sleep 2; done` until the Services `myservice` and
  `mydb` exist. The loop is not a crash: STATUS stays `Init:0/2` with 0 restarts. An init
  container may not have a readinessProbe (only native sidecars, restartPolicy Always, may).

  Background:
    Given the lab cluster
    And a file "myapp.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: myapp-pod
        labels:
          app.kubernetes.io/name: MyApp
      spec:
        containers:
        - name: myapp-container
          image: busybox:1.28
          command: ['sh', '-c', 'echo The app is running! && sleep 3600']
        initContainers:
        - name: init-myservice
          image: busybox:1.28
          command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
        - name: init-mydb
          image: busybox:1.28
          command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
      """
    And a file "services.yaml" containing:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: myservice
      spec:
        ports:
        - protocol: TCP
          port: 80
          targetPort: 9376
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: mydb
      spec:
        ports:
        - protocol: TCP
          port: 80
          targetPort: 9377
      """

  @P10
  Scenario: P10 the pod waits in Init:0/2 until the Services exist, then its app runs
    When I run "kubectl apply -f myapp.yaml"
    Then pod myapp-pod shows status "Init:0/2"
    When 5 minutes pass
    Then pod myapp-pod shows status "Init:0/2"
    And pod myapp-pod is Pending
    And pod myapp-pod has 0 restarts
    And container init-myservice of pod myapp-pod is running
    When I run "kubectl logs myapp-pod -c init-myservice --tail 1"
    Then the output is:
      """
      waiting for myservice
      """
    When I run "kubectl apply -f services.yaml"
    Then the output is:
      """
      service/myservice created
      service/mydb created
      """
    And within 30 seconds pod myapp-pod is Running
    And pod myapp-pod shows ready "1/1"
    And container init-myservice of pod myapp-pod terminated with reason "Completed" and exit code 0
    And container init-mydb of pod myapp-pod terminated with reason "Completed" and exit code 0
    When I run "kubectl logs myapp-pod"
    Then the output is:
      """
      The app is running!
      """

  @P10
  Scenario: P10 with only myservice the pod moves on to Init:1/2
    When I run "kubectl apply -f myapp.yaml"
    And I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: myservice
      spec:
        ports:
        - port: 80
      """
    Then within 30 seconds pod myapp-pod shows status "Init:1/2"
    When 2 minutes pass
    Then pod myapp-pod shows status "Init:1/2"

  @P10
  Scenario: P10 an init container with a readinessProbe is rejected at creation
    Given a file "probe-init.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: probe-init
      spec:
        initContainers:
        - name: init
          image: busybox:1.36
          command: ["sh", "-c", "true"]
          readinessProbe:
            exec:
              command: ["true"]
        containers:
        - name: app
          image: nginx:1.27
      """
    When I try to run "kubectl apply -f probe-init.yaml"
    Then the command fails with:
      """
      The Pod "probe-init" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always
      """
    And pod probe-init does not exist

  Scenario Outline: a failing init container with restartPolicy <policy>
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: init-fails
      spec:
        restartPolicy: <policy>
        initContainers:
        - name: init
          image: busybox:1.36
          command: ["sh", "-c", "exit 1"]
        containers:
        - name: app
          image: nginx:1.27
      """
    Then within 1 minute pod init-fails shows status "<status>"
    And pod init-fails is <phase>
    And pod init-fails has <restarts> restarts
    And container app of pod init-fails is waiting with reason "PodInitializing"
    When 2 minutes pass
    Then pod init-fails shows status "<later>"
    And pod init-fails is <phase>

    Examples:
      | policy    | status                | phase   | restarts | later                 |
      | Always    | Init:CrashLoopBackOff | Pending | 1        | Init:CrashLoopBackOff |
      | OnFailure | Init:CrashLoopBackOff | Pending | 1        | Init:CrashLoopBackOff |
      | Never     | Init:Error            | Failed  | 0        | Init:Error            |
