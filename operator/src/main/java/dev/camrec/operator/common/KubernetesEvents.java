package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes core/v1 Events about an object, so {@code kubectl describe} shows what changed. The same
 * event again (same object, type, reason and message) updates one Event and bumps its count, as
 * kubectl's own event series do: a condition that flaps makes two Events with growing counts, not a
 * new one each time.
 */
public final class KubernetesEvents {

  private static final Logger LOG = Logger.getLogger(KubernetesEvents.class);
  public static final String COMPONENT = "camrec-operator";

  private final KubernetesClient client;

  public KubernetesEvents(KubernetesClient client) {
    this.client = client;
  }

  /**
   * One Event per condition whose status or reason changed ({@link Conditions#changed}): Warning
   * unless it turned True.
   */
  public void recordChanges(
      HasMetadata about, List<Condition> previous, List<Condition> next, Instant now) {
    for (Condition c : Conditions.changed(previous, next)) {
      record(
          about,
          !"True".equals(c.getStatus()),
          c.getReason(),
          c.getType() + " is " + c.getStatus() + ": " + c.getMessage(),
          now);
    }
  }

  /** Records one event; a failure is logged, never thrown: events are best effort. */
  public void record(
      HasMetadata about, boolean warning, String reason, String message, Instant now) {
    String type = warning ? "Warning" : "Normal";
    String name = nameOf(about, type, reason, message);
    String namespace = about.getMetadata().getNamespace();
    String time = Conditions.rfc3339(now);
    try {
      var events = client.v1().events().inNamespace(namespace);
      Event existing = events.withName(name).get();
      if (existing != null) {
        existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
        existing.setLastTimestamp(time);
        events.resource(existing).update();
        return;
      }
      events.resource(newEvent(about, name, type, reason, message, time, microTime(now))).create();
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not record event %s on %s: %s",
          reason, about.getMetadata().getName(), e.getMessage());
    }
  }

  /**
   * The object's name and a hash of what the event says: the same event gets the same name, so it
   * is found again to be counted.
   */
  static String nameOf(HasMetadata about, String type, String reason, String message) {
    String what = about.getMetadata().getUid() + "\n" + type + "\n" + reason + "\n" + message;
    return about.getMetadata().getName() + "." + Sha256.hex(what, 8);
  }

  /**
   * An Event's eventTime as the API server reads it (Go's RFC3339Micro): exactly six fraction
   * digits. Nanoseconds fail its parse, and the create with it; kubectl describe, which decodes
   * Events the same way, shows none.
   */
  static MicroTime microTime(Instant t) {
    return new MicroTime(MICRO_TIME.format(t));
  }

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private static Event newEvent(
      HasMetadata about,
      String name,
      String type,
      String reason,
      String message,
      String time,
      MicroTime eventTime) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
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
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withEventTime(eventTime)
        .withCount(1)
        .withReportingComponent(COMPONENT)
        .withReportingInstance(COMPONENT)
        .withAction("Reconcile")
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .build();
  }
}
