package dev.camrec.contract.termination;

import java.util.List;
import java.util.Optional;

/**
 * What one run of {@code recorder-sidecar retention} did (or, dry, would have done), left in the
 * termination log for the operator to copy into the RetentionPolicy's status.
 *
 * @param dryRun whether nothing was deleted on purpose
 * @param cameras how many cameras the run looked at
 * @param deletedObjects segments deleted (or that would have been)
 * @param freedBytes their bytes
 * @param failedObjects segments the run meant to delete but could not (left for the next run)
 * @param oldestKept start of the oldest segment kept across the cameras, RFC 3339; null if none
 * @param problems what went wrong per camera, at most {@link #MAX_PROBLEMS} and as many as fit the
 *     termination message
 * @param problemsOmitted how many more problems there were than {@code problems} lists
 */
public record RetentionResult(
    boolean dryRun,
    int cameras,
    long deletedObjects,
    long freedBytes,
    long failedObjects,
    String oldestKept,
    List<CameraProblem> problems,
    int problemsOmitted)
    implements TerminationJson {

  /** More than a status message shows; the rest are counted. */
  public static final int MAX_PROBLEMS = 10;

  /** Bytes left for the problems: 4 KiB less the counts and times (about 250 bytes). */
  static final int PROBLEMS_BUDGET = MAX_BYTES - 400;

  /** The camera's storage could not be listed or reached (or it has no key pair). */
  public static final String STORAGE_UNAVAILABLE = "StorageUnavailable";

  /** Some segments could not be deleted after retries; the store said why. */
  public static final String DELETE_FAILED = "DeleteFailed";

  /** The run's environment is not what the operator writes (a person edited the Job?). */
  public static final String INVALID_CONFIGURATION = "InvalidConfiguration";

  /** One camera's failure; camera and message are kept short so several of them fit. */
  public record CameraProblem(String camera, String reason, String message) {
    public static final int MAX_MESSAGE_BYTES = 200;
    static final int MAX_CAMERA_BYTES = 63;

    public CameraProblem {
      camera = TerminationJson.shortened(camera, MAX_CAMERA_BYTES);
      message = TerminationJson.shortened(message, MAX_MESSAGE_BYTES);
    }
  }

  public RetentionResult {
    List<CameraProblem> all = problems == null ? List.of() : problems;
    problems =
        List.copyOf(
            TerminationJson.fitting(
                all.size() > MAX_PROBLEMS ? all.subList(0, MAX_PROBLEMS) : all, PROBLEMS_BUDGET));
    problemsOmitted += all.size() - problems.size();
  }

  public static Optional<RetentionResult> parse(String text) {
    return TerminationJson.parse(text, RetentionResult.class);
  }
}
