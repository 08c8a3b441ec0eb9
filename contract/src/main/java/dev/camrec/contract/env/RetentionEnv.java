package dev.camrec.contract.env;

/**
 * Environment of {@code recorder-sidecar retention}. The operator resolves the policy's selector to
 * camera names itself, so the Job needs no Kubernetes API access.
 *
 * <p>One run covers the selected cameras of every storage target they record into (the operator's
 * default storage, or a Camera's own bucket, endpoint or key pair). Target 0 uses the plain names
 * ({@link #CAMERAS} and the {@link StoreEnv} names); target {@code i > 0} the same names with
 * {@code _i} appended ({@link #ofTarget}), so each target's key pair comes from its own Secret
 * through its own secretKeyRef.
 */
public final class RetentionEnv {
  /** Comma-separated names of the Cameras (in {@link CommonEnv#NAMESPACE}) to prune. */
  public static final String CAMERAS = "CAMREC_RETENTION_CAMERAS";

  /** How many storage targets the run covers: 0 to this less one. Default 1. */
  public static final String TARGETS = "CAMREC_RETENTION_TARGETS";

  /** Delete segments that ended longer ago than this many seconds. Optional. */
  public static final String MAX_AGE_SECONDS = "CAMREC_RETENTION_MAX_AGE_SECONDS";

  /** Keep at most this many bytes per camera, oldest deleted first. Optional. */
  public static final String MAX_BYTES = "CAMREC_RETENTION_MAX_BYTES";

  /** true: report what would be deleted, delete nothing. */
  public static final String DRY_RUN = "CAMREC_RETENTION_DRY_RUN";

  private RetentionEnv() {}

  /**
   * The name of a per-target variable ({@link #CAMERAS}, {@link StoreEnv}'s) for target {@code
   * target}: itself for 0, {@code <name>_<target>} for the others.
   */
  public static String ofTarget(String name, int target) {
    if (target < 0) {
      throw new IllegalArgumentException("target index must not be negative: " + target);
    }
    return target == 0 ? name : name + "_" + target;
  }
}
