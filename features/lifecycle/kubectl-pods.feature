Feature: kubectl get / create / apply / run --dry-run / exec / logs / delete on pods
  Notes, section "POD": the everyday kubectl commands on pods, with kubectl 1.33's own output.
  Where the notes expect `kubectl logs multipod` (no -c) to fail asking for a container name:
  that was kubectl before 1.21. Since then kubectl picks the first container and says so on stderr
  (`Defaulted container "nginx" out of: nginx, centos`); the API server's "a container name must
  be specified" error only reaches clients that send no container at all (lifecycle-spec 8).

  Background:
    Given the lab cluster

  @P02 @tie-break
  Scenario: P02 get pods, -o wide, -o yaml, -o json and --all-namespaces
    When I run "kubectl run webserver --image=nginx --port 80"
    And I run "kubectl get pods"
    Then the output is:
      """
      NAME        READY   STATUS    RESTARTS   AGE
      webserver   1/1     Running   0          1s
      """
    When I run "kubectl get pods -o wide"
    Then the output is:
      """
      NAME        READY   STATUS    RESTARTS   AGE   IP               NODE     NOMINATED NODE   READINESS GATES
      webserver   1/1     Running   0          1s    172.16.134.129   w3-k8s   <none>           <none>
      """
    When I run "kubectl get pod webserver -o yaml"
    Then the output contains "    imagePullPolicy: Always"
    And the output contains "  phase: Running"
    When I run "kubectl get pod webserver -o json"
    Then the output contains "    \"kind\": \"Pod\","
    When I run "kubectl get pods --all-namespaces"
    Then the output contains "NAMESPACE     NAME                            READY   STATUS    RESTARTS   AGE"
    And the output contains "default       webserver                       1/1     Running   0 "
    And the output contains "kube-system   etcd-m-k8s                      1/1     Running   0 "

  @P04
  Scenario: P04 create refuses an existing pod, apply leaves an unchanged one alone
    Given a file "nginx.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: nginx
      spec:
        containers:
        - name: nginx
          image: nginx:1.27
      """
    When I run "kubectl create -f nginx.yaml"
    Then the output is:
      """
      pod/nginx created
      """
    When I try to run "kubectl create -f nginx.yaml"
    Then the command fails with:
      """
      Error from server (AlreadyExists): error when creating "nginx.yaml": pods "nginx" already exists
      """
    When I run "kubectl delete pod nginx"
    And I run "kubectl apply -f nginx.yaml"
    Then the output is:
      """
      pod/nginx created
      """
    When I run "kubectl apply -f nginx.yaml"
    Then the output is:
      """
      pod/nginx unchanged
      """

  Scenario: P04 applying a new image to a running pod restarts its container in place with that image
    imagePullPolicy Always: the kubelet pulls the new image even where an earlier pod left it on the
    node (on a shared or real cluster, whether nginx:1.27 is already there depends on what ran before).
    Given a file "web.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx:1.25
          imagePullPolicy: Always
      """
    When I run "kubectl apply -f web.yaml"
    Then within 1 minute pod web is Running
    Given a file "web.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx:1.27
          imagePullPolicy: Always
      """
    When I run "kubectl apply -f web.yaml"
    Then the output is:
      """
      pod/web configured
      """
    And within 1 minute pod web has 1 restart
    And pod web has a "Killing" event "Container web definition changed, will be restarted"
    And pod web has a "Pulling" event "Pulling image \"nginx:1.27\""
    And container web of pod web is running
    And container web of pod web last terminated with reason "Completed" and exit code 0
    When I run "kubectl describe pod web"
    Then the output contains "Image:          nginx:1.27"

  @P05
  Scenario: P05 run --dry-run=client -o yaml prints the pod and creates nothing; applying the saved manifest creates it
    When I run "kubectl run webserver --image=nginx --port 80 --dry-run=client -o yaml"
    Then the output is:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        creationTimestamp: null
        labels:
          run: webserver
        name: webserver
      spec:
        containers:
        - image: nginx
          name: webserver
          ports:
          - containerPort: 80
          resources: {}
        dnsPolicy: ClusterFirst
        restartPolicy: Always
      status: {}
      """
    And pod webserver does not exist
    When I run "kubectl run webserver --image=nginx --port 80 --dry-run=client"
    Then the output is:
      """
      pod/webserver created (dry run)
      """
    And pod webserver does not exist
    Given a file "webserver.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        creationTimestamp: null
        labels:
          run: webserver
        name: webserver
      spec:
        containers:
        - image: nginx
          name: webserver
          ports:
          - containerPort: 80
          resources: {}
        dnsPolicy: ClusterFirst
        restartPolicy: Always
      status: {}
      """
    When I run "kubectl apply -f webserver.yaml"
    Then the output is:
      """
      pod/webserver created
      """
    And pod webserver is Running

  @P08
  Scenario: P08 exec env shows the manifest's variables, the image's and the Kubernetes service links
    When I run "kubectl run envpod --image=nginx:1.27 --env=GREETING=hello --env=TARGET=$(GREETING)-world"
    And I run "kubectl exec envpod -- env"
    Then the output is:
      """
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      HOSTNAME=envpod
      NGINX_VERSION=1.27.5
      NJS_VERSION=0.8.10
      NJS_RELEASE=1~bookworm
      PKG_RELEASE=1~bookworm
      DYNPKG_RELEASE=1~bookworm
      GREETING=hello
      TARGET=hello-world
      KUBERNETES_SERVICE_HOST=10.96.0.1
      KUBERNETES_SERVICE_PORT=443
      KUBERNETES_SERVICE_PORT_HTTPS=443
      KUBERNETES_PORT=tcp://10.96.0.1:443
      KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443
      KUBERNETES_PORT_443_TCP_PROTO=tcp
      KUBERNETES_PORT_443_TCP_PORT=443
      KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1
      HOME=/root
      """
    When I try to run "kubectl exec envpod -- printenv NOT_SET"
    Then the command fails with:
      """
      command terminated with exit code 1
      """

  @P08
  Scenario: P08 the image's own variables are those of its tag
    When I run "kubectl run web --image=nginx:1.25"
    And I run "kubectl exec web -- printenv NGINX_VERSION NJS_VERSION PKG_RELEASE"
    Then the output is:
      """
      1.25.5
      0.8.4
      1~bookworm
      """

  @P08
  Scenario: P08 a Service created after the container started is not in its environment
    When I run "kubectl run early --image=nginx:1.27"
    And I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: my-svc
      spec:
        selector:
          run: early
        ports:
        - port: 80
      """
    And I try to run "kubectl exec early -- printenv MY_SVC_SERVICE_PORT"
    Then the command fails with:
      """
      command terminated with exit code 1
      """
    When I run "kubectl run late --image=nginx:1.27"
    And I run "kubectl exec late -- printenv MY_SVC_SERVICE_PORT MY_SVC_PORT_80_TCP_PROTO"
    Then the output is:
      """
      80
      tcp
      """

  @P09
  Scenario: P09 multipod: two containers, describe, logs and exec with -c, delete --all
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: multipod
      spec:
        containers:
        - name: nginx
          image: nginx:1.14
          ports:
          - containerPort: 80
        - name: centos
          image: centos:7
          command: ["sleep"]
          args: ["100000"]
      """
    Then pod multipod shows ready "2/2"
    And pod multipod shows status "Running"
    When I run "kubectl describe pod multipod"
    Then the output contains "    Image:          nginx:1.14"
    And the output contains "centos:7"
    When I run "kubectl logs multipod"
    Then the output is:
      """
      """
    And the error output contains "Defaulted container \"nginx\" out of: nginx, centos"
    When I run "kubectl logs multipod -c centos"
    Then the error output is empty
    When I try to run "kubectl logs multipod -c mysql"
    Then the command fails with:
      """
      error: container mysql is not valid for pod multipod
      """
    When I run "kubectl exec multipod -c centos -- hostname"
    Then the output is:
      """
      multipod
      """
    When I try to run "kubectl exec multipod -c mysql -- env"
    Then the command fails with:
      """
      Error from server (BadRequest): container mysql is not valid for pod multipod
      """
    When I run "kubectl delete pod --all"
    Then the output is:
      """
      pod "multipod" deleted
      """
    And pod multipod does not exist
