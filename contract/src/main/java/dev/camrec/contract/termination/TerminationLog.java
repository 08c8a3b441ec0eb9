package dev.camrec.contract.termination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The container's termination log, where a command leaves its result ({@link TerminationMessage},
 * {@link ClipResult}, {@link RetentionResult}) for the operator.
 */
public final class TerminationLog {

  private static final Logger LOG = Logger.getLogger(TerminationLog.class.getName());

  private final Path file;

  /**
   * @param file named by {@link dev.camrec.contract.env.CommonEnv#TERMINATION_LOG}, by default
   *     {@link dev.camrec.contract.env.CommonEnv#DEFAULT_TERMINATION_LOG}
   */
  public TerminationLog(Path file) {
    this.file = file;
  }

  /**
   * Writes the message as one JSON line, replacing what was there. A file that cannot be written
   * (no such volume outside Kubernetes) costs the operator its hint, not the recorder its exit: a
   * warning, and the caller goes on.
   */
  public void write(TerminationJson message) {
    try {
      Files.writeString(file, message.toJson() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warning("cannot write the termination message to " + file + ": " + e);
    }
  }
}
