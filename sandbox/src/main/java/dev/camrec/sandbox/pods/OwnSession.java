package dev.camrec.sandbox.pods;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command run in a session of its own ({@code setsid}), out of the terminal's foreground process
 * group: Ctrl-C then reaches the sandbox alone, which stops its processes in order (the operator
 * first, recorders while S3 still runs) instead of all of them dying at once and the pod runner
 * restarting recorders during the shutdown. A child of the JVM is no process group leader, so
 * setsid execs in place and the process keeps the pid the sandbox signals.
 */
public final class OwnSession {

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private OwnSession() {}

  /** The command behind setsid, or as it is where there is no setsid. */
  public static List<String> of(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> inSession = new ArrayList<>(command.size() + 1);
    inSession.add(SETSID.toString());
    inSession.addAll(command);
    return inSession;
  }
}
