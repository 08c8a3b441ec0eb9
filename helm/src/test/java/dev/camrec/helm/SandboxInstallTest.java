package dev.camrec.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.sandbox.kube.SandboxApiServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart into the sandbox's API server the way a user without Helm's cluster access would:
 * {@code kubectl apply -f helm/camrec/crds} then {@code helm template ... | kubectl apply}. (helm
 * install itself gets through the CRDs, but then fails on the OpenAPI document the sandbox does not
 * serve; see the README.)
 */
@ExtendWith(SandboxApi.class)
class SandboxInstallTest {

  @Test
  void renderedChartAppliesAndCreatesTheOperatorsObjects(SandboxApiServer api, @TempDir Path dir)
      throws Exception {
    Path manifest = dir.resolve("camrec.yaml");
    Files.writeString(manifest, Chart.render(Chart.INSTALL_COMMAND_VALUES, null));

    // kubectl create namespace hangs against the sandbox (its POST never answers), so the
    // namespace comes from the fabric8 client, as helm install --create-namespace would make it.
    api.client()
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(Chart.NAMESPACE)
                .endMetadata()
                .build())
        .create();
    kubectl(api, dir, "apply", "--validate=false", "-f", Chart.DIR.resolve("crds").toString());
    kubectl(api, dir, "apply", "--validate=false", "-f", manifest.toString());

    var client = api.client();
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .contains("cameras.camrec.dev", "retentionpolicies.camrec.dev", "cliprequests.camrec.dev");
    Deployment operator =
        client.apps().deployments().inNamespace(Chart.NAMESPACE).withName("camrec-operator").get();
    assertThat(operator).isNotNull();
    assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("camrec-operator");
    assertThat(
            client
                .rbac()
                .clusterRoles()
                .withName("camrec-operator-" + Chart.NAMESPACE)
                .get()
                .getRules())
        .isNotEmpty();
    assertThat(client.rbac().roles().inNamespace(Chart.NAMESPACE).list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("camrec-operator-leader-election");
  }

  /** The kubectl the sandbox module fetched for its tests (sandbox/pom.xml). */
  private static final String KUBECTL = System.getProperty("camrec.kubectl");

  private static void kubectl(SandboxApiServer api, Path cacheDir, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                KUBECTL,
                "--kubeconfig",
                api.kubeconfig().toString(),
                "--cache-dir",
                cacheDir.toString(),
                "--request-timeout",
                "20s"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish: " + command);
    }
    assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), out).isZero();
  }
}
