package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How the camera is recorded. */
public record Recording(
    @Default("true")
        @JsonPropertyDescription(
            "Record this camera. false keeps the Camera but scales its recorder to zero. Default:"
                + " true.")
        Boolean enabled,
    @Default("60")
        @Min(MIN_SEGMENT_SECONDS)
        @Max(MAX_SEGMENT_SECONDS)
        @JsonPropertyDescription(
            "Length of each stored segment in seconds, 2..3600. Segments are cut at keyframes, so"
                + " real lengths vary with the camera's keyframe interval. Default: 60.")
        Integer segmentSeconds,
    @Default("copy")
        @JsonPropertyDescription(
            "Audio handling: copy (keep as is), aac (re-encode, for codecs MP4 cannot hold) or none"
                + " (drop). Default: copy.")
        Audio audio,
    @JsonPropertyDescription("Weekly windows in which to record. Omitted: record around the clock.")
        RecordingSchedule schedule,
    @Default("Auto")
        @JsonPropertyDescription(
            "Clock of the recorded times (segment keys, hence clip ranges): Camera (the camera's"
                + " own clock, from its RTSP sender reports: when the camera saw it), Recorder"
                + " (when the recorder received it, a few hundred ms later) or Auto (the camera's"
                + " while it agrees with the recorder's within the operator's tolerance, default 2"
                + " s). A camera that sends no reports is recorded on the recorder's clock."
                + " Default: Auto.")
        SegmentClock clock) {

  public static final int DEFAULT_SEGMENT_SECONDS = 60;
  public static final int MIN_SEGMENT_SECONDS = 2;
  public static final int MAX_SEGMENT_SECONDS = 3600;

  /** What an omitted {@code spec.recording} means. */
  public static final Recording DEFAULTS = new Recording(null, null, null, null, null);

  public Recording {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    segmentSeconds = segmentSeconds == null ? DEFAULT_SEGMENT_SECONDS : segmentSeconds;
    audio = audio == null ? Audio.COPY : audio;
    clock = clock == null ? SegmentClock.AUTO : clock;
  }
}
