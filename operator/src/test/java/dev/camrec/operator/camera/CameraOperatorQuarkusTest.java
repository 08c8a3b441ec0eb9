package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.api.Camera;
import dev.camrec.api.CameraSource;
import dev.camrec.api.CameraSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The operator as shipped: the Quarkus application with QOSDK's wiring (CDI beans, config, health,
 * metrics) against the CRUD mock server. Behaviour in depth is in CameraReconcilerMockServerTest;
 * this proves the production wiring runs it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CameraOperatorQuarkusTest.LoadCrds.class)
class CameraOperatorQuarkusTest {

  @KubernetesTestServer KubernetesServer server;
  @Inject KubernetesClient client;

  @ConfigProperty(name = "quarkus.http.test-port")
  int httpPort;

  /** The committed Camera CRD, loaded before the operator starts its informers. */
  public static class LoadCrds implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
      Path crd = Path.of(System.getProperty("camrec.crds.committed"), "cameras.camrec.dev-v1.yml");
      try (InputStream in = Files.newInputStream(crd)) {
        server
            .getClient()
            .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
            .create();
      } catch (java.io.IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void cameraBecomesAnOwnedDeploymentAndAnHonestStatus() throws Exception {
    Camera camera = new Camera();
    camera.setMetadata(new ObjectMetaBuilder().withName("lobby").withNamespace("default").build());
    camera.setSpec(
        new CameraSpec(
            new CameraSource("rtsp://10.0.0.9/stream", null), null, null, null, null, null, null));
    Camera created = client.resource(camera).create();

    Deployment d =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                        .apps()
                        .deployments()
                        .inNamespace("default")
                        .withName("lobby-recorder")
                        .get(),
                x -> x != null);
    assertThat(d.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/camrec/recorder-sidecar:0.1.0");

    // No storage Secret in the namespace: said so, no crash loop.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Camera c =
                  client.resources(Camera.class).inNamespace("default").withName("lobby").get();
              assertThat(c.getStatus()).isNotNull();
              assertThat(c.getStatus().conditions())
                  .anySatisfy(
                      x -> {
                        assertThat(x.getType()).isEqualTo("Ready");
                        assertThat(x.getReason()).isEqualTo("SecretNotFound");
                        assertThat(x.getMessage()).contains("camrec-storage");
                      });
            });

    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, "/q/health/ready").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = get(http, "/q/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("operator_sdk");
  }

  private HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
