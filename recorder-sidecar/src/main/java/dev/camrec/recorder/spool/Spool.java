package dev.camrec.recorder.spool;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.recorder.health.RecorderMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Local disk between FFmpeg and the object store. FFmpeg writes into {@code incoming/}; a finished
 * segment is renamed (atomically, same file system) into {@code ready/} under its key's file name,
 * and leaves {@code ready/} only when the store confirmed it. Each segment being written has a
 * {@code .start} marker beside it holding its wall-clock start, so that a segment left behind by a
 * killed process can still be named after a restart.
 */
public final class Spool {

  private static final Logger LOG = Logger.getLogger(Spool.class.getName());
  private static final String MARKER = ".start";
  private static final String RECORDED_UNTIL = "recorded-until";

  private final Path root;
  private final Path incoming;
  private final Path ready;
  private final long maxBytes;
  private final RecorderMetrics metrics;
  private final Clock clock;
  private final String namespace;
  private final String camera;

  /** When each ready segment was finished, for the upload latency metric. */
  private final Map<String, Instant> finishedAt = new ConcurrentHashMap<>();

  public Spool(
      Path root,
      long maxBytes,
      RecorderMetrics metrics,
      Clock clock,
      String namespace,
      String camera)
      throws IOException {
    this.root = root;
    this.incoming = Files.createDirectories(root.resolve("incoming"));
    this.ready = Files.createDirectories(root.resolve("ready"));
    this.maxBytes = maxBytes;
    this.metrics = metrics;
    this.clock = clock;
    this.namespace = namespace;
    this.camera = camera;
  }

  public Path incoming() {
    return incoming;
  }

  /** Records where a segment FFmpeg is writing starts on the wall clock. */
  public void markStart(String incomingName, Instant start) {
    try {
      Path tmp = incoming.resolve(incomingName + MARKER + ".tmp");
      Files.writeString(tmp, Long.toString(start.toEpochMilli()), StandardCharsets.US_ASCII);
      Files.move(tmp, incoming.resolve(incomingName + MARKER), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Only costs the exact start if the process is killed before the segment finishes.
      LOG.log(Level.WARNING, "cannot write start marker for " + incomingName, e);
    }
  }

  /**
   * Moves a finished segment into ready/ under its key (H.265 tagged {@code hvc1} first: see {@link
   * HevcTag}), notes its end as the end of what was recorded, then keeps the spool within its
   * limit.
   */
  public void finish(String incomingName, SegmentKey key) throws IOException {
    Path target = ready.resolve(key.fileName());
    HevcTag.toHvc1(incoming.resolve(incomingName));
    Files.move(incoming.resolve(incomingName), target, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(incoming.resolve(incomingName + MARKER));
    finishedAt.put(key.fileName(), clock.instant());
    noteRecordedUntil(key.end());
    enforceLimit();
  }

  /**
   * Names and moves to ready/ whatever FFmpeg left in incoming/ unfinished (a crash, a kill): its
   * start from the marker, else its modification time less its duration.
   */
  public void recoverIncoming(PartialSegmentProbe probe) throws IOException, InterruptedException {
    for (Path file : list(incoming, ".mp4")) {
      Duration duration = probe.duration(file);
      String name = file.getFileName().toString();
      if (duration.isZero()) {
        LOG.warning("discarding " + name + ": FFmpeg left no complete fragment in it");
        Files.delete(file);
        Files.deleteIfExists(incoming.resolve(name + MARKER));
        continue;
      }
      Instant start =
          readMarker(incoming.resolve(name + MARKER))
              .orElseGet(() -> modified(file).minus(duration));
      SegmentKey key = new SegmentKey(namespace, camera, start, duration);
      LOG.info("recovered unfinished segment " + name + " as " + key.objectKey());
      finish(name, key);
    }
    for (Path orphan : list(incoming, MARKER)) {
      Files.deleteIfExists(orphan);
    }
  }

  /**
   * The end of the latest segment this spool ever finished, by this process or an earlier one:
   * where the gap of a restart begins.
   */
  public Optional<Instant> recordedUntil() {
    return readMarker(root.resolve(RECORDED_UNTIL));
  }

  private void noteRecordedUntil(Instant end) {
    if (recordedUntil().filter(end::isBefore).isPresent()) {
      return; // a recovered segment older than one finished before it
    }
    try {
      Path tmp = root.resolve(RECORDED_UNTIL + ".tmp");
      Files.writeString(tmp, Long.toString(end.toEpochMilli()), StandardCharsets.US_ASCII);
      Files.move(tmp, root.resolve(RECORDED_UNTIL), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Only costs the start of the gap the next restart reports.
      LOG.log(Level.WARNING, "cannot note the end of what was recorded", e);
    }
  }

  /** Bytes FFmpeg has written so far into the unfinished segments whose names start with prefix. */
  public long incomingBytes(String prefix) {
    try {
      return list(incoming, ".mp4").stream()
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .mapToLong(Spool::size)
          .sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Finished segments waiting for upload, oldest first (file names sort by start time). */
  public List<Path> readyOldestFirst() {
    try {
      return list(ready, ".mp4");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SegmentKey keyOf(Path readyFile) {
    SegmentKey.Timing t =
        SegmentKey.parseFileName(readyFile.getFileName().toString())
            .orElseThrow(() -> new IllegalArgumentException("not a segment: " + readyFile));
    return new SegmentKey(namespace, camera, t.start(), t.duration());
  }

  /**
   * When the segment was finished; for leftovers of an earlier process, when it was last written.
   */
  public Instant finishedAt(Path readyFile) {
    Instant known = finishedAt.get(readyFile.getFileName().toString());
    return known != null ? known : modified(readyFile);
  }

  /** The store confirmed the segment: it may leave the spool. */
  public void stored(Path readyFile) throws IOException {
    Files.deleteIfExists(readyFile);
    finishedAt.remove(readyFile.getFileName().toString());
  }

  public long backlogSegments() {
    return readyOldestFirst().size();
  }

  public long backlogBytes() {
    return readyOldestFirst().stream().mapToLong(Spool::size).sum();
  }

  private synchronized void enforceLimit() throws IOException {
    List<SpoolLimit.Entry> entries =
        readyOldestFirst().stream()
            .map(p -> new SpoolLimit.Entry(p.getFileName().toString(), size(p)))
            .toList();
    long writing = list(incoming, ".mp4").stream().mapToLong(Spool::size).sum();
    for (SpoolLimit.Entry drop : SpoolLimit.toDrop(entries, writing, maxBytes)) {
      Path file = ready.resolve(drop.fileName());
      SegmentKey key = keyOf(file);
      Files.deleteIfExists(file);
      finishedAt.remove(drop.fileName());
      metrics.segmentLost(key);
      LOG.severe(
          "spool full (limit "
              + maxBytes
              + " bytes): segment LOST, never stored: "
              + key.objectKey());
    }
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static Optional<Instant> readMarker(Path marker) {
    try {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(Files.readString(marker).trim())));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0; // uploaded or dropped meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
