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
 * @param problems what went wrong per camera, at most {@link #MAX_PROBLEMS}
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

  public static final int MAX_PROBLEMS = 10;

  /** One camera's failure; the message is kept short so ten of them fit. */
  public record CameraProblem(String camera, String message) {
    public static final int MAX_CHARS = 200;

    public CameraProblem {
      message = TerminationJson.shortened(message, MAX_CHARS);
    }
  }

  public RetentionResult {
    problems = problems == null ? List.of() : problems;
    if (problems.size() > MAX_PROBLEMS) {
      problemsOmitted += problems.size() - MAX_PROBLEMS;
      problems = List.copyOf(problems.subList(0, MAX_PROBLEMS));
    }
  }

  public static Optional<RetentionResult> parse(String text) {
    return TerminationJson.parse(text, RetentionResult.class);
  }
}
