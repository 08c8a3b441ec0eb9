package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conditions as the Kubernetes API conventions want them, for every custom resource's status:
 * {@code lastTransitionTime} moves only when the status changes, each condition carries the
 * generation it was computed for, and an Event is worth sending when status or reason changed.
 */
public final class Conditions {

  private Conditions() {}

  public static Condition of(String type, String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  /**
   * The {@code next} conditions, each with {@code observedGeneration} set and the previous
   * condition's {@code lastTransitionTime} kept while its status stays the same; {@code now} for a
   * new or changed one. Reason and message may change without a transition (a restart count in a
   * message is not a new state).
   */
  public static List<Condition> settle(
      List<Condition> previous, List<Condition> next, long generation, Instant now) {
    return next.stream()
        .map(
            c -> {
              Optional<Condition> before = find(previous, c.getType());
              boolean sameStatus =
                  before.isPresent() && Objects.equals(before.get().getStatus(), c.getStatus());
              return new ConditionBuilder(c)
                  .withObservedGeneration(generation)
                  .withLastTransitionTime(
                      sameStatus ? before.get().getLastTransitionTime() : rfc3339(now))
                  .build();
            })
        .toList();
  }

  /**
   * The conditions of {@code next} whose status or reason differ from {@code previous}: each is
   * worth an Event. A changed message alone is not (restart counts and timestamps would spam).
   */
  public static List<Condition> changed(List<Condition> previous, List<Condition> next) {
    return next.stream()
        .filter(
            c ->
                find(previous, c.getType())
                    .map(
                        before ->
                            !Objects.equals(before.getStatus(), c.getStatus())
                                || !Objects.equals(before.getReason(), c.getReason()))
                    .orElse(true))
        .toList();
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** RFC 3339 in UTC to the second, as Kubernetes writes times. */
  public static String rfc3339(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
