package dev.camrec.contract.env;

/**
 * Environment of {@code recorder-sidecar retention}. The operator resolves the policy's selector to
 * camera names itself, so the Job needs no Kubernetes API access.
 */
public final class RetentionEnv {
  /** Comma-separated names of the Cameras (in {@link CommonEnv#NAMESPACE}) to prune. */
  public static final String CAMERAS = "CAMREC_RETENTION_CAMERAS";

  /** Delete segments that ended longer ago than this many seconds. Optional. */
  public static final String MAX_AGE_SECONDS = "CAMREC_RETENTION_MAX_AGE_SECONDS";

  /** Keep at most this many bytes per camera, oldest deleted first. Optional. */
  public static final String MAX_BYTES = "CAMREC_RETENTION_MAX_BYTES";

  /** true: report what would be deleted, delete nothing. */
  public static final String DRY_RUN = "CAMREC_RETENTION_DRY_RUN";

  private RetentionEnv() {}
}
