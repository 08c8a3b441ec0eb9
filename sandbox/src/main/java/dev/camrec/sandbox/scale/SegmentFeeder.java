package dev.camrec.sandbox.scale;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands for the recorders: stores each camera's segments in the bucket as they end, written into
 * the store's files directly so that they cost the store no request (the bench counts the
 * operator's). Each camera's segments end at its own phase of the segment length, spread evenly, as
 * cameras started at different times would. It remembers when each segment was stored, to tell how
 * far the operator's {@code status.lastSegmentTime} lags behind the store.
 */
final class SegmentFeeder implements AutoCloseable {

  /**
   * Segments a camera already has when it is created: a recorder that ran for an hour before. The
   * operator holds a camera's last hour segment by segment (StoredSegments), so this is what it
   * holds at any site that has been recording, not just what a new one has.
   */
  static final int HISTORY = 61;

  private final EmbeddedS3 s3;
  private final String bucket;
  private final String namespace;
  private final Duration segment;
  private final Map<String, Camera> cameras = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  private static final class Camera {
    Instant nextEnd;
    final Map<Instant, Instant> storedAt = new ConcurrentHashMap<>();

    Camera(Instant nextEnd) {
      this.nextEnd = nextEnd;
    }
  }

  SegmentFeeder(EmbeddedS3 s3, String bucket, String namespace, Duration segment) {
    this.s3 = s3;
    this.bucket = bucket;
    this.namespace = namespace;
    this.segment = segment;
    timer.scheduleWithFixedDelay(this::storeEnded, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Starts recording camera {@code index} of {@code count}: its last segments are stored now, the
   * next as each ends.
   */
  void add(String camera, int index, int count, Instant now) {
    long phase = segment.toMillis() * index / count;
    long sinceEpoch = now.toEpochMilli() - phase;
    Instant lastEnd =
        Instant.ofEpochMilli(sinceEpoch - Math.floorMod(sinceEpoch, segment.toMillis()) + phase);
    Camera c = new Camera(lastEnd.minus(segment.multipliedBy(HISTORY - 1)));
    cameras.put(camera, c);
    store(camera, c, now);
  }

  /** When the segment of {@code camera} that started at {@code start} was stored. */
  Optional<Instant> storedAt(String camera, Instant start) {
    return Optional.ofNullable(cameras.get(camera)).map(c -> c.storedAt.get(start));
  }

  private void storeEnded() {
    Instant now = Instant.now();
    cameras.forEach((name, camera) -> store(name, camera, now));
  }

  private void store(String name, Camera camera, Instant now) {
    synchronized (camera) {
      while (!camera.nextEnd.isAfter(now)) {
        Instant start = camera.nextEnd.minus(segment);
        try {
          s3.putEmptyObjectsDirectly(
              bucket, List.of(new SegmentKey(namespace, name, start, segment).objectKey()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        camera.storedAt.put(start, now);
        camera.storedAt.remove(start.minus(segment.multipliedBy(HISTORY + 10)));
        camera.nextEnd = camera.nextEnd.plus(segment);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
  }
}
