package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A weekly time window in which the camera records. The sizes bound the CEL rule's cost. */
@ValidationRule(
    value = "self.start != self.end",
    message = "start and end must differ; for a window running past midnight, set end before start")
public record TimeWindow(
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonPropertyDescription(
            "Days on which the window starts (Mon, Tue, Wed, Thu, Fri, Sat, Sun). Empty or omitted:"
                + " every day.")
        List<Weekday> days,
    @Required
        @Size(max = 5)
        @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
        @JsonPropertyDescription("Local time the window opens, HH:MM (24-hour clock), e.g. 08:00.")
        String start,
    @Required
        @Size(max = 5)
        @Pattern("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
        @JsonPropertyDescription(
            "Local time the window closes, HH:MM (24-hour clock; 24:00 is midnight at the end of"
                + " the day). An end before start runs past midnight into the next day.")
        String end) {

  public TimeWindow {
    days = days == null ? List.of() : List.copyOf(days);
  }
}
