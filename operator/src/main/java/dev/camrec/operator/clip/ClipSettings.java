package dev.camrec.operator.clip;

import dev.camrec.operator.common.CamrecConfig;
import java.time.Duration;

/**
 * The clip settings as plain values, for CDI and tests alike (defaults: application.properties).
 */
public record ClipSettings(
    int maxRunningJobs,
    Duration jobDeadline,
    String workDirSizeLimit,
    Duration downloadUrlValidity,
    Duration downloadUrlRenewBefore) {

  /** What S3 allows a presigned URL at most (signature V4). */
  public static final Duration MAX_URL_VALIDITY = Duration.ofDays(7);

  public ClipSettings {
    if (maxRunningJobs < 1) {
      throw new IllegalArgumentException("camrec.clip.max-running-jobs must be at least 1");
    }
    if (downloadUrlValidity.compareTo(MAX_URL_VALIDITY) > 0) {
      throw new IllegalArgumentException("camrec.clip.download-url-validity is at most 7d (S3)");
    }
    if (downloadUrlRenewBefore.compareTo(downloadUrlValidity) >= 0) {
      throw new IllegalArgumentException(
          "camrec.clip.download-url-renew-before must be shorter than the validity");
    }
  }

  public static ClipSettings from(CamrecConfig config) {
    CamrecConfig.Clip c = config.clip();
    return new ClipSettings(
        c.maxRunningJobs(),
        c.jobDeadline(),
        c.workDirSizeLimit(),
        c.downloadUrlValidity(),
        c.downloadUrlRenewBefore());
  }
}
