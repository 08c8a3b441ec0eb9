package dev.camrec.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camrec.sandbox.kube.SandboxApiServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code helm template} with the values a user sets, and what the rendered objects say. */
@ExtendWith(SandboxApi.class)
class RenderedChartTest {

  private static final String OPERATOR_IMAGE =
      System.getProperty("camrec.image.registry")
          + "/camrec-operator:"
          + System.getProperty("camrec.image.tag");
  private static final String RECORDER_IMAGE =
      System.getProperty("camrec.image.registry")
          + "/recorder-sidecar:"
          + System.getProperty("camrec.image.tag");

  @Test
  void installCommandRendersALeastPrivilegedOperator() {
    Chart.Rendered out = Chart.template(Chart.INSTALL_COMMAND_VALUES);

    assertThat(out.objects())
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment");
    Deployment d = out.one(Deployment.class);
    assertThat(d.getSpec().getReplicas()).isGreaterThan(1);
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName())
        .isEqualTo(out.one(ServiceAccount.class).getMetadata().getName());
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(OPERATOR_IMAGE);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(path(c.getLivenessProbe())).isEqualTo("/q/health/live");
    assertThat(path(c.getReadinessProbe())).isEqualTo("/q/health/ready");
    assertThat(path(c.getStartupProbe())).isEqualTo("/q/health/started");

    Map<String, String> env = env(c);
    assertThat(env)
        .containsEntry("CAMREC_RECORDER_IMAGE", RECORDER_IMAGE)
        .containsEntry("CAMREC_STORAGE_ENDPOINT", "http://minio.storage:9000")
        .containsEntry("CAMREC_STORAGE_CREDENTIALS_SECRET", "camrec-storage")
        .doesNotContainKey("QUARKUS_OPERATOR_SDK_NAMESPACES");
    assertThat(out.all(Secret.class)).as("an existing Secret: the chart makes none").isEmpty();
    assertThat(out.one(Service.class).getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
  }

  @Test
  void everyOperatorSettingIsSetByItsQuarkusEnvName() {
    Container c =
        Chart.template(Chart.INSTALL_COMMAND_VALUES)
            .one(Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    List<String> camrecEnv =
        c.getEnv().stream().map(EnvVar::getName).filter(n -> n.startsWith("CAMREC_")).toList();

    assertThat(camrecEnv).doesNotHaveDuplicates();
    assertThat(camrecEnv)
        .as("CAMREC_* env of the chart vs the keys of CamrecConfig %s", OperatorConfigKeys.keys())
        .containsExactlyInAnyOrderElementsOf(OperatorConfigKeys.envNames());
  }

  @Test
  void recorderPullSecretsReachTheOperatorWhichPutsThemOnItsPods() {
    Chart.Rendered out =
        Chart.template(
            Chart.installCommandValuesAnd(
                Map.of(
                    "recorder.image.pullSecrets[0]", "regcred",
                    "recorder.image.pullSecrets[1]", "mirror")));

    assertThat(
            env(out.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("CAMREC_RECORDER_IMAGE_PULL_SECRETS", "regcred,mirror");
  }

  @Test
  void aNamespaceListGetsARoleInEachAndTheOperatorWatchesOnlyThose() {
    Chart.Rendered out = Chart.watching("shop", "warehouse");

    assertThat(out.all(ClusterRole.class)).isEmpty();
    assertThat(out.kind("ClusterRoleBinding")).isEmpty();
    Map<String, List<String>> roles =
        out.all(Role.class).stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.getMetadata().getNamespace(),
                    Collectors.mapping(r -> r.getMetadata().getName(), Collectors.toList())));
    assertThat(roles)
        .containsOnlyKeys("shop", "warehouse", Chart.NAMESPACE)
        .containsEntry(Chart.NAMESPACE, List.of("camrec-operator-leader-election"));
    assertThat(out.all(RoleBinding.class))
        .allSatisfy(
            b ->
                assertThat(b.getSubjects())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE)));
    assertThat(
            env(out.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "shop,warehouse");
  }

  @Test
  void bundledMinioGetsAVolumeAndOneGeneratedCredentialSharedWithTheOperator() {
    Chart.Rendered out =
        Chart.template(Map.of("minio.enabled", "true", "watchNamespaces[0]", "shop"));

    StatefulSet minio = out.one(StatefulSet.class);
    assertThat(minio.getSpec().getVolumeClaimTemplates())
        .singleElement()
        .satisfies(
            pvc ->
                assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString())
                    .isEqualTo("20Gi"));
    Container m = minio.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(m.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(m.getEnv())
        .filteredOn(e -> e.getName().startsWith("MINIO_ROOT_"))
        .allSatisfy(
            e ->
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("camrec-storage"));

    // The same generated credential where the operator (release namespace) and the Cameras
    // (watched namespaces) read it, kept on uninstall.
    List<Secret> secrets = out.all(Secret.class);
    assertThat(secrets)
        .extracting(s -> s.getMetadata().getNamespace())
        .containsExactlyInAnyOrder(Chart.NAMESPACE, "shop");
    assertThat(secrets).extracting(Secret::getData).containsOnly(secrets.get(0).getData());
    assertThat(decode(secrets.get(0), "secretKey")).hasSizeGreaterThanOrEqualTo(32);
    assertThat(secrets)
        .allSatisfy(
            s ->
                assertThat(s.getMetadata().getAnnotations())
                    .containsEntry("helm.sh/resource-policy", "keep"));

    assertThat(
            env(out.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("CAMREC_STORAGE_ENDPOINT", "http://camrec-minio.camrec.svc:9000")
        .containsEntry("CAMREC_STORAGE_CREDENTIALS_SECRET", "camrec-storage");
  }

  @Test
  void aGeneratedCredentialIsKeptAcrossUpgrades(SandboxApiServer api) {
    // What the first install generated, as the cluster holds it.
    String namespace = "kept";
    var client = api.client();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("camrec-storage")
                .withNamespace(namespace)
                .endMetadata()
                .addToData("accessKey", encode("camrec-first"))
                .addToData("secretKey", encode("generated-on-first-install"))
                .build())
        .create();
    try {
      Secret again = Chart.template(namespace, Map.of("minio.enabled", "true")).one(Secret.class);

      assertThat(decode(again, "accessKey")).isEqualTo("camrec-first");
      assertThat(decode(again, "secretKey")).isEqualTo("generated-on-first-install");
    } finally {
      client.secrets().inNamespace(namespace).withName("camrec-storage").delete();
    }
  }

  @Test
  void credentialsFromValuesBecomeTheStorageSecret() {
    Chart.Rendered out =
        Chart.template(
            Map.of(
                "storage.endpoint", "https://s3.example.com",
                "storage.accessKey", "recorder",
                "storage.secretKey", "s3cr3t-value"));

    Secret s = out.one(Secret.class);
    assertThat(decode(s, "accessKey")).isEqualTo("recorder");
    assertThat(decode(s, "secretKey")).isEqualTo("s3cr3t-value");
    assertThat(out.all(StatefulSet.class)).isEmpty();
  }

  @Test
  void optionalServiceMonitorAndDisruptionBudget() {
    Chart.Rendered out =
        Chart.template(
            Chart.installCommandValuesAnd(
                Map.of(
                    "metrics.serviceMonitor.enabled", "true",
                    "podDisruptionBudget.enabled", "true")));

    assertThat(out.kind("ServiceMonitor"))
        .hasValueSatisfying(
            sm -> assertThat(sm.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE));
    assertThat(out.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal())
        .isEqualTo(1);
  }

  @Test
  void withoutStorageTheInstallStopsAndSaysWhatToSet() {
    assertThatThrownBy(() -> Chart.template(Map.of()))
        .hasMessageContaining("storage.endpoint is required")
        .hasMessageContaining("storage.existingSecret is required")
        .hasMessageContaining("minio.enabled=true");
  }

  private static String path(Probe probe) {
    return probe.getHttpGet().getPath();
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static String encode(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }
}
