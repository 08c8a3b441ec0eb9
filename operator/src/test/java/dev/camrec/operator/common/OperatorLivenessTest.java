package dev.camrec.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class OperatorLivenessTest {

  private final StoppedInformers stopped = new StoppedInformers();
  private final OperatorLiveness liveness = new OperatorLiveness(stopped);

  @Test
  void aliveUntilAnInformerStopsOnAnError() {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build())
            .build()) {
      SharedIndexInformer<Pod> pods = client.pods().runnableInformer(0);

      stopped.onStop(pods, null); // stopped on shutdown
      assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

      stopped.onStop(pods, new KubernetesClientException("watch failed for pods, will stop"));
      HealthCheckResponse down = liveness.call();
      assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
      assertThat(down.getData().orElseThrow().get("stopped").toString()).contains("Pod");
    }
  }
}
