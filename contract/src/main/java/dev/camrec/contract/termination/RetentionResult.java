package dev.camrec.contract.termination;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * @param problems what went wrong per camera, at most {@link #MAX_PROBLEMS} and within {@link
 *     #PROBLEMS_BUDGET_BYTES}
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

  public static final int MAX_PROBLEMS = 10;

  /**
   * The problems' share of the 4 KiB; the other fields take under 250 bytes. Messages count in
   * UTF-8 bytes, not characters, so the cap holds for any text.
   */
  static final int PROBLEMS_BUDGET_BYTES = 3_600;

  /** The camera's storage could not be listed or reached (or it has no key pair). */
  public static final String STORAGE_UNAVAILABLE = "StorageUnavailable";

  /** Some segments could not be deleted after retries; the store said why. */
  public static final String DELETE_FAILED = "DeleteFailed";

  /** The run's environment is not what the operator writes (a person edited the Job?). */
  public static final String INVALID_CONFIGURATION = "InvalidConfiguration";

  /** One camera's failure; camera and message are kept short so ten of them fit. */
  public record CameraProblem(String camera, String reason, String message) {
    public static final int MAX_CHARS = 200;
    static final int MAX_CAMERA_CHARS = 63;

    public CameraProblem {
      camera = TerminationJson.shortened(camera, MAX_CAMERA_CHARS);
      message = TerminationJson.shortened(message, MAX_CHARS);
    }
  }

  public RetentionResult {
    List<CameraProblem> all = problems == null ? List.of() : problems;
    List<CameraProblem> kept = new ArrayList<>();
    int bytes = 0;
    for (CameraProblem p : all) {
      int size = jsonBytes(p) + 1;
      if (kept.size() == MAX_PROBLEMS || bytes + size > PROBLEMS_BUDGET_BYTES) {
        break;
      }
      kept.add(p);
      bytes += size;
    }
    problemsOmitted += all.size() - kept.size();
    problems = List.copyOf(kept);
  }

  public static Optional<RetentionResult> parse(String text) {
    return TerminationJson.parse(text, RetentionResult.class);
  }

  private static int jsonBytes(CameraProblem p) {
    try {
      return JSON.writeValueAsString(p).getBytes(StandardCharsets.UTF_8).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plain record always serializes", e);
    }
  }
}
