package dev.camrec.sandbox.pods;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A run-once stand-in for a Job's container, like {@code recorder-sidecar clip}: leaves its result
 * in CAMREC_TERMINATION_LOG and exits. {@code succeed MESSAGE} exits 0; {@code fail-first N DIR
 * MESSAGE} fails (exit 1, "attempt K failed") for its first N runs, counted in DIR shared by all
 * pods of the Job, then succeeds with MESSAGE; {@code sleep} waits until stopped and notes a
 * SIGTERM in its spool (file {@code sleeping} says its SIGTERM hook is in place).
 */
public final class FakeJobContainer {

  public static void main(String[] args) throws Exception {
    Path terminationLog = Path.of(System.getenv("CAMREC_TERMINATION_LOG"));
    Path spool = Path.of(System.getenv("CAMREC_SPOOL_DIR"));
    Files.writeString(spool.resolve("started-" + ProcessHandle.current().pid()), "");
    switch (args[0]) {
      case "succeed" -> Files.writeString(terminationLog, args[1]);
      case "fail-first" -> {
        Path attempts = Path.of(args[2]);
        Files.createDirectories(attempts);
        int attempt;
        try (var earlier = Files.list(attempts)) {
          attempt = (int) earlier.count() + 1;
        }
        Files.writeString(attempts.resolve("attempt-" + attempt), "");
        if (attempt <= Integer.parseInt(args[1])) {
          Files.writeString(terminationLog, "attempt " + attempt + " failed");
          System.exit(1);
        }
        Files.writeString(terminationLog, args[3]);
      }
      case "sleep" -> {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        Files.writeString(spool.resolve("stopped-cleanly"), "SIGTERM");
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    }));
        Files.writeString(spool.resolve("sleeping"), "");
        new CountDownLatch(1).await();
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
