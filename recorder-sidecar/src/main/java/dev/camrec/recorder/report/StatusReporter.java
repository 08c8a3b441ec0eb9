package dev.camrec.recorder.report;

import dev.camrec.contract.layout.RecorderReportKey;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.recorder.health.RecorderMetrics;
import io.minio.GetObjectArgs;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Writes the recorder's {@link RecorderReport} to the store: when what it says changed (looked at
 * every {@link RecorderReport#CHANGE_DELAY}) and every {@link RecorderReport#HEARTBEAT} else, so
 * the operator can tell a running recorder's word from a gone one's. A store that cannot take it
 * costs the operator a fresh report, not the recorder anything: the next look tries again.
 */
public final class StatusReporter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StatusReporter.class.getName());

  private final StoreConnection store;
  private final String key;
  private final Clock clock;
  private final Function<Instant, RecorderReport> contents;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "status-reporter");
            t.setDaemon(true);
            return t;
          });
  private RecorderReport lastWritten;
  private boolean failing;

  public StatusReporter(
      StoreConnection store,
      RecorderReportKey key,
      Clock clock,
      Function<Instant, RecorderReport> contents) {
    this.store = store;
    this.key = key.objectKey();
    this.clock = clock;
    this.contents = contents;
  }

  /**
   * Takes over the previous recorder's lost footage that is still to be shown, then starts
   * reporting.
   */
  public void start(RecorderMetrics metrics) {
    previous()
        .map(RecorderReport::lostFootage)
        .filter(l -> l.shownAt(clock.instant()))
        .ifPresent(metrics::carryOverLoss);
    long every = RecorderReport.CHANGE_DELAY.toMillis();
    timer.scheduleWithFixedDelay(this::writeIfDue, 0, every, TimeUnit.MILLISECONDS);
  }

  private Optional<RecorderReport> previous() {
    try (InputStream in =
        store
            .client()
            .getObject(GetObjectArgs.builder().bucket(store.bucket()).object(key).build())) {
      return RecorderReport.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (ErrorResponseException e) {
      if (!"NoSuchKey".equals(e.errorResponse().code())) { // else the camera's first recorder
        LOG.warning(
            "cannot read the previous recorder's report " + key + ": " + e.errorResponse().code());
      }
      return Optional.empty();
    } catch (Exception e) {
      LOG.warning("cannot read the previous recorder's report " + key + ": " + e);
      return Optional.empty();
    }
  }

  private synchronized void writeIfDue() {
    Instant now = clock.instant();
    RecorderReport report = contents.apply(now);
    if (lastWritten != null) {
      Instant at = Instant.parse(lastWritten.writtenAt());
      boolean same = report.writtenAt(at).equals(lastWritten);
      if (same && now.isBefore(at.plus(RecorderReport.HEARTBEAT))) {
        return;
      }
    }
    write(report);
  }

  private void write(RecorderReport report) {
    byte[] json = report.toJson().getBytes(StandardCharsets.UTF_8);
    try {
      store
          .client()
          .putObject(
              PutObjectArgs.builder().bucket(store.bucket()).object(key).stream(
                      new ByteArrayInputStream(json), json.length, -1)
                  .contentType("application/json")
                  .build());
      lastWritten = report;
      if (failing) {
        LOG.info("status report " + key + " written again");
        failing = false;
      }
    } catch (Exception e) {
      // Once per outage: the uploader already logs every failed segment.
      if (!failing) {
        LOG.warning("cannot write the status report " + key + ": " + e.getClass().getSimpleName());
        failing = true;
      }
    }
  }

  /**
   * Writes the last report (what the recorder stored on its way out) and stops; not to a store that
   * failed the last write, which would only hold the stop up for the store's timeouts.
   */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (!failing) {
        write(contents.apply(clock.instant()));
      }
    }
  }
}
