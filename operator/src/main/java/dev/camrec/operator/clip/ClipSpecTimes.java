package dev.camrec.operator.clip;

import dev.camrec.api.ClipRequestSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A ClipRequest's times read from its spec; the schema checked their shape already. */
public record ClipSpecTimes(Instant start, Instant end, Duration ttl) {

  private static final Pattern TTL = Pattern.compile("(\\d+)([mhd])");

  /** Empty when a value does not parse (an object stored before the schema's rules). */
  public static Optional<ClipSpecTimes> of(ClipRequestSpec spec) {
    if (spec == null) {
      return Optional.empty(); // absent, or unreadable (ClipRequest.unreadableSpec)
    }
    try {
      Instant start = OffsetDateTime.parse(spec.start()).toInstant();
      Instant end = OffsetDateTime.parse(spec.end()).toInstant();
      Matcher m = TTL.matcher(spec.ttl());
      if (!end.isAfter(start) || !m.matches()) {
        return Optional.empty();
      }
      long n = Long.parseLong(m.group(1));
      Duration ttl =
          switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return Optional.of(new ClipSpecTimes(start, end, ttl));
    } catch (DateTimeParseException | NullPointerException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
