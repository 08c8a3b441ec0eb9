package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.api.Camera;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.StoppedInformers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The shipped operator (stop-on-informer-error-during-startup=true) starting against an API server
 * that already holds an unreadable Camera among good ones, and a Secret and a recorder Pod with the
 * wrong JSON types, as after a restart in the middle of the issue-17 incident: it starts, manages
 * the good ones and names the bad one.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = StartupWithUnreadableCameraQuarkusTest.Setup.class)
class StartupWithUnreadableCameraQuarkusTest {

  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject StoppedInformers stoppedInformers;

  @ConfigProperty(name = "quarkus.http.test-port")
  int httpPort;

  /** The CRD, two good Cameras and one whose spec has the wrong types, before the operator. */
  public static class Setup implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
      new CameraOperatorQuarkusTest.LoadCrds().accept(server);
      for (String camera :
          new String[] {
            camera("good-1", "{\"source\":{\"url\":\"rtsp://10.0.0.1/s\"}}"),
            camera(
                "bad",
                "{\"source\":{\"url\":\"rtsp://10.0.0.2/s\"},"
                    + "\"recording\":{\"segmentSeconds\":\"ten\",\"enabled\":\"yes\"}}"),
            camera("good-2", "{\"source\":{\"url\":\"rtsp://10.0.0.3/s\"}}")
          }) {
        server
            .getClient()
            .resource(Serialization.unmarshal(camera, GenericKubernetesResource.class))
            .create();
      }
      // Core objects the operator watches, stored with the wrong JSON types by a server that does
      // not check them (the sandbox's): a Secret whose value is an object, a recorder Pod whose
      // containers are a string.
      for (String object :
          new String[] {
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"garbled\","
                + "\"namespace\":\"default\"},\"data\":{\"password\":{\"not\":\"base64\"}}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"garbled\","
                + "\"namespace\":\"default\",\"labels\":{\"app.kubernetes.io/managed-by\":\"camrec-operator\","
                + "\"app.kubernetes.io/component\":\"recorder\","
                + "\"camrec.dev/camera\":\"good-1\"}},\"spec\":{\"containers\":\"recorder\"},"
                + "\"status\":{\"containerStatuses\":[{\"restartCount\":\"many\"}]}}"
          }) {
        server
            .getClient()
            .resource(Serialization.unmarshal(object, GenericKubernetesResource.class))
            .create();
      }
    }

    private static String camera(String name, String spec) {
      return "{\"apiVersion\":\"camrec.dev/v1alpha1\",\"kind\":\"Camera\",\"metadata\":{\"name\":\""
          + name
          + "\",\"namespace\":\"default\"},\"spec\":"
          + spec
          + "}";
    }
  }

  @Test
  void startsManagesTheGoodCamerasAndNamesTheBadOne() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(deployment("good-1-recorder")).isTrue();
              assertThat(deployment("good-2-recorder")).isTrue();
              Camera bad =
                  client.resources(Camera.class).inNamespace("default").withName("bad").get();
              assertThat(bad.getStatus()).isNotNull();
              assertThat(Conditions.find(bad.getStatus().conditions(), "Ready"))
                  .hasValueSatisfying(
                      ready -> {
                        assertThat(ready.getStatus()).isEqualTo("False");
                        assertThat(ready.getReason()).isEqualTo("InvalidSpec");
                        assertThat(ready.getMessage()).startsWith("spec.recording.");
                      });
            });
    assertThat(deployment("bad-recorder")).isFalse();

    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, "/q/health/ready").statusCode()).isEqualTo(200);
    assertThat(get(http, "/q/health/live").statusCode()).isEqualTo(200);
    // QOSDK hands our bean to JOSDK: an informer that stops later makes liveness DOWN.
    assertThat(operator.getConfigurationService().getInformerStoppedHandler())
        .containsSame(stoppedInformers);
  }

  private boolean deployment(String name) {
    return client.apps().deployments().inNamespace("default").withName(name).get() != null;
  }

  private HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
