package dev.camrec.recorder;

import dev.camrec.recorder.clip.ClipCommand;
import dev.camrec.recorder.record.RecordCommand;
import dev.camrec.recorder.retention.RetentionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the recorder image: one program, a subcommand per use. */
@Command(
    name = "recorder-sidecar",
    mixinStandardHelpOptions = true,
    subcommands = {RecordCommand.class, RetentionCommand.class, ClipCommand.class},
    description = "Records a camera into S3-compatible storage.")
public final class Main {

  static {
    // One line per record, UTC timestamp first: what a log collector expects from a container.
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    System.setProperty("user.timezone", "UTC");
    System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
