package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Weekly windows in which the camera records; outside them the recorder is scaled to zero. */
public record RecordingSchedule(
    @Default(DEFAULT_TIME_ZONE)
        @Pattern(TIME_ZONE_PATTERN)
        @JsonPropertyDescription(
            "IANA time zone the windows are written in, e.g. Europe/Paris or America/New_York."
                + " Default: UTC. Daylight saving time is followed.")
        String timeZone,
    @Required
        @Size(min = 1, max = 50)
        @JsonPropertyDescription("Windows in which to record; at least one.")
        List<TimeWindow> windows) {

  public static final String DEFAULT_TIME_ZONE = "UTC";

  /**
   * The shape of an IANA zone name (Area/Location, or UTC). A pattern cannot know which names
   * exist; the reconciler checks the name against the JVM's zone database.
   */
  public static final String TIME_ZONE_PATTERN =
      "^(UTC|[A-Z][A-Za-z]+(/[A-Z][A-Za-z0-9_+-]*){1,2})$";

  public RecordingSchedule {
    timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
    windows = windows == null ? List.of() : List.copyOf(windows);
  }
}
