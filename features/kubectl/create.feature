Feature: kubectl create deployment, namespace, configmap, secret and service; kubectl annotate, set image and rollout restart
  The imperative `kubectl create <kind>` commands, with their client-side dry runs printing the
  object kubectl builds exactly as kubectl 1.33 prints it (Go's field order in -o json).

  Background:
    Given the lab cluster

  Scenario: create deployment with its flags parsed after the subcommand
    When I run "kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml"
    Then the output is:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        creationTimestamp: null
        labels:
          app: web
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        strategy: {}
        template:
          metadata:
            creationTimestamp: null
            labels:
              app: web
          spec:
            containers:
            - image: nginx
              name: nginx
              resources: {}
      status: {}
      """
    When I run "kubectl create deployment web --image=nginx --replicas=2"
    Then the output is:
      """
      deployment.apps/web created
      """
    When I run "kubectl get deployment web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].name}'"
    Then the output is:
      """
      2 nginx
      """
    When I try to run "kubectl create deployment web --image=nginx"
    Then the command fails with:
      """
      error: failed to create deployment: deployments.apps "web" already exists
      """

  Scenario: create namespace, configmap, secret and service
    When I run "kubectl create namespace team-a"
    Then the output is:
      """
      namespace/team-a created
      """
    When I run "kubectl create configmap app-config -n team-a --from-literal=mode=fast --from-literal=level=3"
    And I run "kubectl get cm app-config -n team-a -o jsonpath='{.data}'"
    Then the output is:
      """
      {"level":"3","mode":"fast"}
      """
    When I run "kubectl create secret generic creds -n team-a --from-literal=user=admin --dry-run=client -o json"
    Then the output contains "\"user\": \"YWRtaW4=\""
    When I run "kubectl create service clusterip web --tcp=80:8080 --dry-run=client -o yaml"
    Then the output contains "  - name: 80-8080"
    When I try to run "kubectl create service clusterip web"
    Then the command fails with:
      """
      error: at least one tcp port specifier must be provided
      """

  Scenario: annotate a deployment, then change the annotation with --overwrite
    When I run "kubectl create deployment web --image=nginx"
    And I run "kubectl annotate deployment web team=payments"
    Then the output is:
      """
      deployment.apps/web annotated
      """
    When I try to run "kubectl annotate deployment web team=search"
    Then the command fails with:
      """
      error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (payments)
      """
    When I run "kubectl annotate deployment web team=search --overwrite"
    And I run "kubectl get deployment web -o jsonpath='{.metadata.annotations.team}'"
    Then the output is:
      """
      search
      """

  Scenario: set image changes a deployment's pod template
    When I run "kubectl create deployment web --image=nginx"
    And I run "kubectl set image deployment/web nginx=nginx:1.27"
    Then the output is:
      """
      deployment.apps/web image updated
      """
    When I run "kubectl get deployment web -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[*].image"
    Then the output is:
      """
      NAME   IMAGE
      web    nginx:1.27
      """
    When I try to run "kubectl set image deployment/web web=nginx:1.28"
    Then the command fails with:
      """
      error: unable to find container named "web"
      """

  Scenario: rollout restart replaces a deployment's pods
    When I run "kubectl create deployment web --image=nginx"
    And I run "kubectl rollout restart deployment web"
    Then the output is:
      """
      deployment.apps/web restarted
      """
    When I run "kubectl get deployment web -o jsonpath='{.spec.template.metadata.annotations}'"
    Then the output contains "kubectl.kubernetes.io/restartedAt"
