package dev.camrec.testbed.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What code running in this JVM logged (java.util.logging), for assertions on what it reported to a
 * person.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

  /** Held here: java.util.logging keeps loggers only weakly, and our handler must stay attached. */
  private final Logger logger;

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private CapturedLog(Logger logger) {
    this.logger = logger;
  }

  /** Captures the records of the named logger and its children, from now until {@link #close}. */
  public static CapturedLog of(String loggerName) {
    CapturedLog log = new CapturedLog(Logger.getLogger(loggerName));
    log.logger.addHandler(log);
    return log;
  }

  /** Messages logged at exactly this level that contain the text, in the order they were logged. */
  public List<String> messages(Level level, String containing) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level) && r.getMessage().contains(containing))
        .map(LogRecord::getMessage)
        .toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
