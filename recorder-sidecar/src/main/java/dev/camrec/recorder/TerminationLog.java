package dev.camrec.recorder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** The container's termination log, where the recorder leaves its {@link TerminationMessage}. */
public final class TerminationLog {

  private static final Logger LOG = Logger.getLogger(TerminationLog.class.getName());

  private final Path file;

  /**
   * @param file named by {@link RecorderEnv#TERMINATION_LOG}, by default {@link
   *     RecorderEnv#DEFAULT_TERMINATION_LOG}
   */
  public TerminationLog(Path file) {
    this.file = file;
  }

  /**
   * Writes the message as one JSON line, replacing what was there. A file that cannot be written
   * (no such volume outside Kubernetes) costs the operator its hint, not the recorder its exit: a
   * warning, and the caller goes on.
   */
  public void write(TerminationMessage message) {
    try {
      Files.writeString(file, message.toJson() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warning("cannot write the termination message to " + file + ": " + e);
    }
  }
}
