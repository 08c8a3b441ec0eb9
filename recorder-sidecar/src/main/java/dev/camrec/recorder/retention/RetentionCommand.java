package dev.camrec.recorder.retention;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreTimeouts;
import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import dev.camrec.contract.termination.TerminationLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recorder-sidecar retention}: deletes the expired segments of the cameras the operator
 * names in the environment ({@link dev.camrec.contract.env.RetentionEnv}), and leaves a {@link
 * RetentionResult} in the termination log. Configured by env only, like every command of the image:
 * key pairs never show in the process list.
 *
 * <p>Exit codes: 0 when every camera was pruned as planned (or, dry, counted); {@value
 * #EXIT_PROBLEMS} when some camera could not be (the result says which and why; the Job's one retry
 * and the next scheduled run try again); {@value #EXIT_INVALID} when the environment is not what
 * the operator writes.
 */
@Command(
    name = "retention",
    mixinStandardHelpOptions = true,
    description = "Delete the expired recordings of the cameras named in the environment.")
public final class RetentionCommand implements Callable<Integer> {

  static final int EXIT_PROBLEMS = 3;
  static final int EXIT_INVALID = 4;

  private static final Logger LOG = Logger.getLogger(RetentionCommand.class.getName());

  @Option(
      names = "--termination-log",
      defaultValue =
          "${env:" + CommonEnv.TERMINATION_LOG + ":-" + CommonEnv.DEFAULT_TERMINATION_LOG + "}",
      description = "File the run's result goes to, for the operator")
  Path terminationLog;

  @Override
  public Integer call() {
    TerminationLog log = new TerminationLog(terminationLog);
    RetentionConfig config;
    try {
      config = RetentionConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      LOG.severe("cannot run: " + e.getMessage());
      log.write(
          new RetentionResult(
              false,
              0,
              0,
              0,
              0,
              null,
              List.of(new CameraProblem("", RetentionResult.INVALID_CONFIGURATION, e.getMessage())),
              0));
      return EXIT_INVALID;
    }
    RetentionResult result =
        new RetentionRun(
                config, Retries.DEFAULT, s -> StoreConnection.open(s, StoreTimeouts.TRANSFER))
            .run(Clock.systemUTC().instant());
    log.write(result);
    return result.problems().isEmpty() && result.problemsOmitted() == 0 ? 0 : EXIT_PROBLEMS;
  }
}
