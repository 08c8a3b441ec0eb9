package dev.camrec.contract.termination;

import java.util.List;
import java.util.Optional;

/**
 * What one run of {@code recorder-sidecar retention} did (or, dry, would have done), left in the
 * termination log for the operator to copy into the RetentionPolicy's status.
 *
 * @param dryRun whether nothing was deleted on purpose
 * @param deletedObjects segments deleted (or that would have been)
 * @param freedBytes their bytes
 * @param oldestKept start of the oldest segment kept across the cameras, RFC 3339; null if none
 * @param problems what went wrong per camera, as many as fit the termination message
 * @param problemsOmitted how many more problems there were than {@code problems} lists
 */
public record RetentionResult(
    boolean dryRun,
    long deletedObjects,
    long freedBytes,
    String oldestKept,
    List<CameraProblem> problems,
    int problemsOmitted)
    implements TerminationJson {

  /** Bytes left for the problems: 4 KiB less the counts and times (about 200 bytes). */
  static final int PROBLEMS_BUDGET = MAX_BYTES - 400;

  /** One camera's failure; the message is kept short so several of them fit. */
  public record CameraProblem(String camera, String message) {
    public static final int MAX_MESSAGE_BYTES = 200;

    public CameraProblem {
      message = TerminationJson.shortened(message, MAX_MESSAGE_BYTES);
    }
  }

  public RetentionResult {
    List<CameraProblem> all = problems == null ? List.of() : problems;
    problems = TerminationJson.fitting(all, PROBLEMS_BUDGET);
    problemsOmitted += all.size() - problems.size();
  }

  public static Optional<RetentionResult> parse(String text) {
    return TerminationJson.parse(text, RetentionResult.class);
  }
}
