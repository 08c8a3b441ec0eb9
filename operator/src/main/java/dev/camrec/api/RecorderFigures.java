package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The recorder's own figures, from the report it writes next to its segments. */
public record RecorderFigures(
    @JsonPropertyDescription("When the recorder process that reports started (RFC 3339, UTC).")
        String startedAt,
    @JsonPropertyDescription("When the recorder last wrote its report (RFC 3339, UTC).")
        String reportedAt,
    @JsonPropertyDescription(
            "Times recording was interrupted other than by the recorder's own stop, since it"
                + " started.")
        Long gaps,
    @JsonPropertyDescription(
            "Seconds missing between recorded segments since the recorder started: its gaps, and"
                + " its own restart if it took over from an earlier recorder.")
        Double gapSeconds,
    @JsonPropertyDescription("Finished segments waiting in the recorder's spool for upload.")
        Long spoolBacklogSegments,
    @JsonPropertyDescription("Bytes waiting in the recorder's spool for upload.")
        Long spoolBacklogBytes,
    @JsonPropertyDescription(
            "Segments deleted before they were stored (spool full) during the last day; the"
                + " FootageLost condition gives their time range.")
        Long lostSegments,
    @JsonPropertyDescription(
            "How far the camera's clock is ahead of the recorder's, in seconds (negative: behind),"
                + " from its RTCP sender reports; absent when it sends none. The CameraClockSynced"
                + " condition says which clock the recorded times are on.")
        Double cameraClockOffsetSeconds) {}
