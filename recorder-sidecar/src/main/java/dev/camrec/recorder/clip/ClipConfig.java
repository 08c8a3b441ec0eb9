package dev.camrec.recorder.clip;

import dev.camrec.contract.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One clip to cut: which camera and range, what to do about gaps, where to store it, and the tools.
 *
 * @param segment the camera's segment length now: how its keys are listed (by day or by hour)
 * @param workDirLimit what the work directory may hold (its emptyDir's sizeLimit), if limited
 * @param inputs how FFmpeg reads the segments
 */
public record ClipConfig(
    String namespace,
    String camera,
    Instant start,
    Instant end,
    OnGap onGap,
    String objectKey,
    Duration segment,
    StoreSettings store,
    Path workDir,
    OptionalLong workDirLimit,
    Path ffmpeg,
    Path ffprobe,
    Inputs inputs) {

  /** The ClipRequest's spec.onGap. */
  public enum OnGap {
    CONCATENATE,
    FAIL
  }

  /**
   * URLS: FFmpeg reads each segment from the store by a presigned GET, nothing copied to disk (the
   * default: measured as fast, and the work directory only holds the clip). COPY: every segment is
   * downloaded first, kept for comparison in bench/clip.sh.
   */
  public enum Inputs {
    URLS,
    COPY
  }

  public ClipConfig {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("the clip's end must be after its start");
    }
  }
}
