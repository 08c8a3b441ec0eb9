package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Writes core/v1 Events about an object, so {@code kubectl describe} shows what changed. */
public final class KubernetesEvents {

  private static final Logger LOG = Logger.getLogger(KubernetesEvents.class);
  public static final String COMPONENT = "camrec-operator";

  private final KubernetesClient client;

  public KubernetesEvents(KubernetesClient client) {
    this.client = client;
  }

  /** Records one event; a failure is logged, never thrown: events are best effort. */
  public void record(
      HasMetadata about, boolean warning, String reason, String message, Instant now) {
    String time = DateTimeFormatter.ISO_INSTANT.format(now);
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
            .withNamespace(about.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(about.getApiVersion())
            .withKind(about.getKind())
            .withName(about.getMetadata().getName())
            .withNamespace(about.getMetadata().getNamespace())
            .withUid(about.getMetadata().getUid())
            .withResourceVersion(about.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType(warning ? "Warning" : "Normal")
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(time)
            .withLastTimestamp(time)
            .withEventTime(new MicroTime(time))
            .withCount(1)
            .withReportingComponent(COMPONENT)
            .withReportingInstance(COMPONENT)
            .withAction("Reconcile")
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .build();
    try {
      client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not record event %s on %s: %s",
          reason, about.getMetadata().getName(), e.getMessage());
    }
  }
}
