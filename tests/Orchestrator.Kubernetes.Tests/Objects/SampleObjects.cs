namespace Orchestrator.Kubernetes.Tests.Objects;

/// <summary>A pod, a StatefulSet and a CA Secret as a real API server writes them, every field the reader skips included.</summary>
internal static class SampleObjects
{
    public const string Pod = """
        {
          "kind": "Pod",
          "apiVersion": "v1",
          "metadata": {
            "name": "cluster1-dc1-default-sts-2",
            "generateName": "cluster1-dc1-default-sts-",
            "namespace": "cassandra",
            "uid": "7f1c1b8e-3c4d-4f7a-9a55-0d3b8d5e2a61",
            "resourceVersion": "184467",
            "creationTimestamp": "2026-11-02T09:14:55Z",
            "labels": {
              "app.kubernetes.io/managed-by": "cass-operator",
              "cassandra-cluster-component": "cassandra",
              "cassandra-cluster-instance": "cluster1",
              "controller-revision-hash": "cluster1-dc1-default-sts-6b7c\u0039d5f4",
              "statefulset.kubernetes.io/pod-name": "cluster1-dc1-default-sts-2"
            },
            "annotations": {
              "kubectl.kubernetes.io/restartedAt": "2026-11-02T09:14:40Z",
              "note": "a \"quoted\" value, a \\ backslash, \u00e9 and {braces} [brackets]"
            },
            "ownerReferences": [
              {
                "apiVersion": "apps/v1",
                "kind": "StatefulSet",
                "name": "cluster1-dc1-default-sts",
                "uid": "0c6a1f7e-5b0e-4bb2-a5a8-8d6c2e9b1f30",
                "controller": true,
                "blockOwnerDeletion": true
              }
            ],
            "managedFields": [
              {
                "manager": "kube-controller-manager",
                "operation": "Update",
                "apiVersion": "v1",
                "time": "2026-11-02T09:14:55Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:controller-revision-hash": {}}, "f:ownerReferences": {".": {}, "k:{\"uid\":\"0c6a1f7e\"}": {}}}, "f:spec": {"f:containers": {"k:{\"name\":\"cassandra\"}": {".": {}, "f:image": {}}}}}
              },
              {
                "manager": "kubelet",
                "operation": "Update",
                "apiVersion": "v1",
                "time": "2026-11-02T09:15:31Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {"f:status": {"f:conditions": {"k:{\"type\":\"Ready\"}": {".": {}, "f:status": {}}}}},
                "subresource": "status"
              }
            ]
          },
          "spec": {
            "volumes": [
              {"name": "server-data", "persistentVolumeClaim": {"claimName": "server-data-cluster1-dc1-default-sts-2"}},
              {"name": "tls", "secret": {"secretName": "cluster1-ca", "defaultMode": 420, "items": [{"key": "ca.crt", "path": "ca.crt"}]}}
            ],
            "containers": [
              {
                "name": "cassandra",
                "image": "cr.k8ssandra.io/k8ssandra/cass-management-api:4.1.5",
                "args": ["--cassandra.yaml", "/etc/cassandra/cassandra.yaml", "-Dfoo=\"bar\""],
                "ports": [{"name": "native", "containerPort": 9042, "protocol": "TCP"}, {"name": "tls-native", "containerPort": 9142, "protocol": "TCP"}],
                "env": [{"name": "DS_LICENSE", "value": "accept"}, {"name": "POD_IP", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}}],
                "resources": {"limits": {"cpu": "2", "memory": "4Gi"}, "requests": {"cpu": "1", "memory": "4Gi"}},
                "readinessProbe": {"httpGet": {"path": "/api/v0/probes/readiness", "port": 8080, "scheme": "HTTP"}, "initialDelaySeconds": 20, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
                "volumeMounts": [{"name": "server-data", "mountPath": "/var/lib/cassandra"}, {"name": "tls", "readOnly": true, "mountPath": "/etc/tls"}],
                "terminationMessagePath": "/dev/termination-log",
                "imagePullPolicy": "IfNotPresent"
              }
            ],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 120,
            "serviceAccountName": "default",
            "nodeName": "worker-3",
            "securityContext": {"runAsUser": 999, "runAsGroup": 999, "fsGroup": 999},
            "hostname": "cluster1-dc1-default-sts-2",
            "subdomain": "cluster1-dc1-all-pods-service",
            "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {"matchExpressions": [{"key": "cassandra-cluster-instance", "operator": "Exists"}]}, "topologyKey": "kubernetes.io/hostname"}]}},
            "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}],
            "priority": 0,
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority"
          },
          "status": {
            "phase": "Running",
            "conditions": [
              {"type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-02T09:15:01Z"},
              {"type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-02T09:14:58Z"},
              {"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-02T09:15:31Z"},
              {"type": "ContainersReady", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-02T09:15:31Z"},
              {"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-02T09:14:55Z"}
            ],
            "hostIP": "10.0.3.17",
            "hostIPs": [{"ip": "10.0.3.17"}],
            "podIP": "10.244.3.41",
            "podIPs": [{"ip": "10.244.3.41"}],
            "startTime": "2026-11-02T09:14:55Z",
            "containerStatuses": [
              {
                "name": "cassandra",
                "state": {"running": {"startedAt": "2026-11-02T09:15:01Z"}},
                "lastState": {},
                "ready": true,
                "restartCount": 0,
                "image": "cr.k8ssandra.io/k8ssandra/cass-management-api:4.1.5",
                "imageID": "cr.k8ssandra.io/k8ssandra/cass-management-api@sha256:5a1f0d",
                "containerID": "containerd://9d8c7b6a",
                "started": true
              }
            ],
            "qosClass": "Burstable"
          }
        }
        """;

    public const string StatefulSet = """
        {
          "kind": "StatefulSet",
          "apiVersion": "apps/v1",
          "metadata": {
            "name": "cluster1-dc1-default-sts",
            "namespace": "cassandra",
            "uid": "0c6a1f7e-5b0e-4bb2-a5a8-8d6c2e9b1f30",
            "resourceVersion": "184501",
            "generation": 7,
            "creationTimestamp": "2026-10-28T16:02:11Z",
            "labels": {"cassandra-cluster-instance": "cluster1", "cassandra-cluster-component": "cassandra"},
            "annotations": {"cassandra.datastax.com/resource-hash": "q0\u002Bxw=="},
            "ownerReferences": [{"apiVersion": "cassandra.datastax.com/v1beta1", "kind": "CassandraDatacenter", "name": "dc1", "uid": "41e2", "controller": true, "blockOwnerDeletion": true}],
            "managedFields": [{"manager": "operator", "operation": "Update", "apiVersion": "apps/v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:replicas": {}, "f:updateStrategy": {"f:rollingUpdate": {".": {}, "f:partition": {}}}}}}]
          },
          "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"cassandra-cluster-instance": "cluster1"}},
            "template": {
              "metadata": {"labels": {"cassandra-cluster-instance": "cluster1"}, "annotations": {"kubectl.kubernetes.io/restartedAt": "2026-11-02T09:14:40Z"}},
              "spec": {"containers": [{"name": "cassandra", "image": "cass:4.1.5", "ports": [{"containerPort": 9042}]}], "terminationGracePeriodSeconds": 120}
            },
            "volumeClaimTemplates": [
              {
                "kind": "PersistentVolumeClaim",
                "apiVersion": "v1",
                "metadata": {"name": "server-data"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "5Gi"}}, "storageClassName": "standard", "volumeMode": "Filesystem"},
                "status": {"phase": "Pending"}
              }
            ],
            "serviceName": "cluster1-dc1-all-pods-service",
            "podManagementPolicy": "Parallel",
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 1, "maxUnavailable": 1}},
            "revisionHistoryLimit": 10,
            "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Retain"}
          },
          "status": {
            "observedGeneration": 6,
            "replicas": 3,
            "readyReplicas": 2,
            "currentReplicas": 1,
            "updatedReplicas": 2,
            "currentRevision": "cluster1-dc1-default-sts-5f8d7c9b4",
            "updateRevision": "cluster1-dc1-default-sts-6b7c9d5f4",
            "collisionCount": 0,
            "availableReplicas": 2,
            "conditions": [{"type": "Progressing", "status": "True"}]
          }
        }
        """;

    public const string Secret = """
        {
          "kind": "Secret",
          "apiVersion": "v1",
          "metadata": {
            "name": "cluster1-manual-tls-ca",
            "namespace": "cassandra",
            "uid": "5d1e0a57-2b9c-4c8e-8f0e-3a6f2d7c9b14",
            "resourceVersion": "184377",
            "creationTimestamp": "2026-10-28T16:01:54Z",
            "labels": {"cassandra-cluster-instance": "cluster1"},
            "annotations": {
              "cassandra-cluster-checksum": "4a3c8f5e0b1d2e6f7a8b9c0d1e2f3a4b5c6d7e8f",
              "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"v1\",\"kind\":\"Secret\"}\n"
            },
            "managedFields": [{"manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:data": {".": {}, "f:ca.crt": {}}}}]
          },
          "data": {
            "ca.crt": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENCK3dJSkFLSGJ3WUhvCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K",
            "ca.key": "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Foa2lHOXcwCi0tLS0tRU5EIFBSSVZBVEUgS0VZLS0tLS0K",
            "ca2.crt": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENCK3dJSkFMdTJyYVhvCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K"
          },
          "type": "Opaque"
        }
        """;
}
