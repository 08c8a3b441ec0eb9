package dev.camrec.recorder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code recorder-sidecar} in a JVM of its own, for tests that run it as a
 * process: the launcher's small-footprint flags that matter to behaviour, this test's class path.
 */
public final class RecorderJvm {

  private RecorderJvm() {}

  public static List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx48m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
