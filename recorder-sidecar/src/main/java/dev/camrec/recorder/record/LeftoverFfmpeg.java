package dev.camrec.recorder.record;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Ends an FFmpeg that a previous recorder left writing into this spool. In a container FFmpeg dies
 * with the recorder; elsewhere (a recorder JVM killed on a workstation or a VM) it goes on
 * recording, unsupervised, beside the next run. It is found by its output path, so nothing else is
 * ever touched, and asked with SIGTERM to finish its open segment, which the spool then recovers.
 */
public final class LeftoverFfmpeg {

  private static final Logger LOG = Logger.getLogger(LeftoverFfmpeg.class.getName());

  private LeftoverFfmpeg() {}

  /** Ends every other process whose arguments name a file in {@code incoming}. */
  public static void end(Path incoming) throws InterruptedException {
    String dir = incoming.toAbsolutePath() + "/";
    List<ProcessHandle> leftovers =
        ProcessHandle.allProcesses()
            .filter(p -> p.pid() != ProcessHandle.current().pid())
            .filter(p -> writesInto(p, dir))
            .toList();
    for (ProcessHandle p : leftovers) {
      LOG.warning(
          "an FFmpeg of a previous recorder (pid "
              + p.pid()
              + ") is still writing into the spool; ending it");
      p.destroy();
    }
    for (ProcessHandle p : leftovers) {
      awaitExit(p);
    }
  }

  private static boolean writesInto(ProcessHandle p, String dir) {
    return Arrays.stream(p.info().arguments().orElse(new String[0]))
        .anyMatch(a -> a.startsWith(dir));
  }

  private static void awaitExit(ProcessHandle p) throws InterruptedException {
    CompletableFuture<ProcessHandle> exit = p.onExit();
    try {
      exit.get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      try {
        exit.get(5, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException stillThere) {
        LOG.severe("the previous FFmpeg (pid " + p.pid() + ") did not exit on SIGKILL");
      }
    } catch (ExecutionException e) {
      // onExit does not fail; the process is gone either way
    }
  }
}
