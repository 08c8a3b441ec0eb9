package dev.camrec.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the fabric8 mock API server in CRUD mode: what kubectl get events would show. */
class KubernetesEventsTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  KubernetesMockServer server;
  KubernetesClient client;
  ConfigMap about;

  @BeforeEach
  void start() throws Exception {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
    about =
        client
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("front-door")
                    .withNamespace("ns")
                    .endMetadata()
                    .build())
            .create();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void theSameEventAgainBumpsTheCountOfOneEvent() {
    KubernetesEvents events = new KubernetesEvents(client);

    events.record(about, true, "SegmentsStale", "Recording is False: none", T0);
    events.record(about, true, "SegmentsStale", "Recording is False: none", T0.plusSeconds(60));
    events.record(about, false, "SegmentsLanding", "Recording is True: ok", T0.plusSeconds(90));
    events.record(about, true, "SegmentsStale", "Recording is False: none", T0.plusSeconds(120));

    List<Event> all = client.v1().events().inNamespace("ns").list().getItems();
    assertThat(all)
        .extracting(Event::getReason, Event::getCount, Event::getType)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("SegmentsStale", 3, "Warning"),
            org.assertj.core.groups.Tuple.tuple("SegmentsLanding", 1, "Normal"));
    Event stale = all.stream().filter(e -> e.getReason().equals("SegmentsStale")).findFirst().get();
    assertThat(stale.getFirstTimestamp()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(stale.getLastTimestamp()).isEqualTo("2026-11-22T10:02:00Z");
    assertThat(stale.getInvolvedObject().getUid()).isEqualTo(about.getMetadata().getUid());
  }

  @Test
  void timesAreInTheFormatsTheApiServerParses() {
    Instant t = Instant.parse("2026-11-22T10:00:01.123456789Z");
    new KubernetesEvents(client).record(about, true, "SegmentsStale", "Recording is False", t);

    Event e = client.v1().events().inNamespace("ns").list().getItems().get(0);
    // metav1.Time: whole seconds; metav1.MicroTime: exactly six fraction digits (Go's RFC3339Micro
    // refuses nine, and the API server the whole Event with it).
    assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-22T10:00:01Z");
    assertThat(e.getEventTime().getTime()).isEqualTo("2026-11-22T10:00:01.123456Z");
  }
}
