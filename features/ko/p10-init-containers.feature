# language: ko
@ko
기능: 초기화 컨테이너 — 앱 컨테이너보다 먼저, 순서대로 끝까지 실행된다
  노트의 "POD" 절(초기화 컨테이너)과 쿠버네티스 문서의 예: 두 초기화 컨테이너가
  `until nslookup <서비스>…; do …; sleep 2; done`으로 myservice와 mydb 서비스가 생길 때까지
  기다린다. 그동안 파드의 STATUS는 `Init:0/2`이고, 서비스를 만들면 앱 컨테이너가 실행된다.

  배경:
    조건 실습 클러스터가 있다
    그리고 "myapp.yaml" 파일에 다음 내용을 쓴다:
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

  @P10
  시나리오: P10 서비스가 생길 때까지 파드는 Init:0/2에 머물고, 그다음 앱이 실행된다
    만일 "kubectl apply -f myapp.yaml" 명령을 실행한다
    그리고 5분이 지난다
    그리고 "kubectl get pod myapp-pod" 명령을 실행한다
    그러면 출력에 "Init:0/2" 문구가 있다
    그리고 myapp-pod 파드는 Pending 상태이다
    만일 "kubectl logs myapp-pod -c init-myservice --tail 1" 명령을 실행한다
    그러면 출력은 다음과 같다:
      """
      waiting for myservice
      """
    만일 다음 매니페스트를 적용한다:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: myservice
      spec:
        ports:
        - port: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: mydb
      spec:
        ports:
        - port: 80
      """
    그러면 출력은 다음과 같다:
      """
      service/myservice created
      service/mydb created
      """
    만일 30초가 지난다
    그러면 myapp-pod 파드는 Running 상태이다
    만일 "kubectl logs myapp-pod" 명령을 실행한다
    그러면 출력은 다음과 같다:
      """
      The app is running!
      """

  @P10
  시나리오: P10 readinessProbe가 있는 초기화 컨테이너는 생성할 때 거부된다
    조건 "probe-init.yaml" 파일에 다음 내용을 쓴다:
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
    만일 "kubectl apply -f probe-init.yaml" 명령을 실행해 본다
    그러면 명령이 다음 오류로 실패한다:
      """
      The Pod "probe-init" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always
      """
