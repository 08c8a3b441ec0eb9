package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the Camera controller's caches keep of pods, Deployments and Secrets: what it reads. */
class CameraControllerCachesTest {

  @Test
  void aPodIsHeldWithItsMetadataAndStatusButNotItsSpec() {
    Pod pod =
        Serialization.unmarshal(
            """
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"door-recorder-1","namespace":"ns",
                         "labels":{"camrec.dev/camera":"door","pod-template-hash":"5d7f"},
                         "creationTimestamp":"2026-12-02T05:00:00Z",
                         "managedFields":[{"manager":"kubelet","operation":"Update"}]},
             "spec":{"containers":[{"name":"recorder","image":"r:1",
                                    "env":[{"name":"CAMREC_X","value":"1"}]}]},
             "status":{"phase":"Running",
                       "conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady"}],
                       "containerStatuses":[{"name":"recorder","ready":false,
                       "restartCount":3,"image":"r:1","imageID":"","started":false,
                       "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """,
            Pod.class);
    RecorderPodsAsRead pods = new RecorderPodsAsRead();
    pods.put(pods.getKey(pod), pod);

    Pod held = pods.get("ns/door-recorder-1");
    assertThat(held.getSpec()).isNull();
    assertThat(held.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(held.getMetadata().getLabels()).containsOnlyKeys("camrec.dev/camera");
    assertThat(held.getStatus().getConditions()).isNullOrEmpty();
    // What the operator reads of a recorder pod is all there.
    RecorderObservation seen = RecorderObservation.of(Optional.empty(), pods.values().toList());
    assertThat(seen.restarts()).isEqualTo(3);
    assertThat(seen.waitingReason()).contains("CrashLoopBackOff");
  }

  @Test
  void aDeploymentIsHeldWithoutItsPodTemplateOrWhatKubectlAndTheServerKeepOfIt() {
    Deployment deployment =
        Serialization.unmarshal(
            """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"door-recorder","namespace":"ns","resourceVersion":"7",
                         "annotations":{"camrec.dev/spec-hash":"abc",
                           "kubectl.kubernetes.io/last-applied-configuration":"{\\"spec\\":{}}"},
                         "managedFields":[{"manager":"camrec","operation":"Update"}]},
             "spec":{"replicas":1,"selector":{"matchLabels":{"camrec.dev/camera":"door"}},
                     "template":{"metadata":{"annotations":{"camrec.dev/secrets-fingerprint":"f"}},
                                 "spec":{"containers":[{"name":"recorder","image":"r:1"}]}}},
             "status":{"replicas":1,"readyReplicas":1,
                       "conditions":[{"type":"Available","status":"True"}]}}
            """,
            Deployment.class);
    RecorderDeploymentsAsRead deployments = new RecorderDeploymentsAsRead();
    deployments.put(deployments.getKey(deployment), deployment);

    Deployment held = deployments.get("ns/door-recorder");
    assertThat(held.getSpec().getTemplate()).isNull();
    assertThat(held.getSpec().getSelector()).isNull();
    assertThat(held.getStatus().getConditions()).isNullOrEmpty();
    assertThat(held.getSpec().getReplicas()).isEqualTo(1);
    assertThat(held.getMetadata().getAnnotations())
        .containsOnlyKeys(DesiredRecorderDeployment.SPEC_HASH);
    assertThat(held.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(held.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(RecorderObservation.of(Optional.of(held), List.of()).readyReplicas()).isEqualTo(1);
  }

  @Test
  void aSecretKeepsItsDataUnlessItIsOfAKindThatNeverHoldsCredentials() {
    SecretsAsRead secrets = new SecretsAsRead();
    Secret credentials =
        new SecretBuilder()
            .withNewMetadata()
            .withName("gate-creds")
            .withNamespace("ns")
            .withResourceVersion("3")
            .endMetadata()
            .withType("Opaque")
            .addToData("password", "c2VjcmV0")
            .build();
    Secret release =
        new SecretBuilder()
            .withNewMetadata()
            .withName("sh.helm.release.v1.site.v7")
            .withNamespace("ns")
            .withResourceVersion("4")
            .endMetadata()
            .withType("helm.sh/release.v1")
            .addToData("release", "H4sIAAAAAAAA")
            .build();
    Secret withoutType =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s3")
            .withNamespace("ns")
            .endMetadata()
            .addToData("accessKey", "YQ==")
            .build();
    secrets.put(secrets.getKey(credentials), credentials);
    secrets.put(secrets.getKey(release), release);
    secrets.put(secrets.getKey(withoutType), withoutType);

    assertThat(secrets.get("ns/gate-creds").getData()).containsKey("password");
    assertThat(secrets.get("ns/s3").getData()).containsKey("accessKey");
    assertThat(secrets.get("ns/sh.helm.release.v1.site.v7").getData()).isNullOrEmpty();
    assertThat(secrets.get("ns/sh.helm.release.v1.site.v7").getMetadata().getResourceVersion())
        .isEqualTo("4");
  }
}
