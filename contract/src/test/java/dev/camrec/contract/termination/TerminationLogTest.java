package dev.camrec.contract.termination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.testbed.log.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationLogTest {

  static final TerminationMessage MESSAGE =
      new TerminationMessage(TerminationMessage.CAMERA_UNAUTHORIZED, "Check the Secret.");

  @TempDir Path tmp;

  @Test
  void writesTheMessageAsOneJsonLineOverWhatWasThere() throws Exception {
    Path file =
        Files.writeString(tmp.resolve("termination-log"), "an older message\nof two lines\n");

    new TerminationLog(file).write(MESSAGE);

    assertThat(Files.readAllLines(file)).containsExactly(MESSAGE.toJson());
    assertThat(TerminationMessage.parse(Files.readString(file))).contains(MESSAGE);
  }

  @Test
  void aFileThatCannotBeWrittenIsAWarningNotAFailure() {
    try (CapturedLog log = CapturedLog.of(TerminationLog.class.getName())) {
      new TerminationLog(tmp.resolve("no-such-dir").resolve("termination-log")).write(MESSAGE);

      assertThat(log.messages(Level.WARNING, "cannot write the termination message")).hasSize(1);
    }
  }
}
