Feature: kubectl apply reports what the API server refused, as kubectl 1.33 does
  kubectl sends each object of a file on its own: an object with a misspelt field is refused by
  the API server's strict decoding (a BadRequest naming the field), the others are created. The
  line of the misspelt field is not part of kubectl's output; a failing step shows it below the
  output ("where").

  Background:
    Given the lab cluster

  Scenario: an unknown field is the server's strict decoding error; the other objects are applied
    Given a file "typo.yaml" containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: typo
      spec:
        containers:
        - name: web
          image: nginx
          imagePullPolcy: Always
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: fine
      spec:
        containers:
        - name: web
          image: nginx
      """
    When I try to run "kubectl apply -f typo.yaml"
    Then the command fails with:
      """
      Error from server (BadRequest): error when creating "typo.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"
      """
    And the output is:
      """
      pod/fine created
      """
