package dev.camrec.operator.camera;

import dev.camrec.contract.layout.RecordingGaps;
import dev.camrec.contract.layout.RecordingGaps.Gap;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.ObservationCadence;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One camera's stored segments of about the last day, kept between polls so that a poll needs to
 * list only the keys after the newest one it already has. Segments come in key order, which is time
 * order.
 *
 * <p>Only the last hour is held segment by segment (as primitives, 20 bytes a segment, with only
 * the newest key as text). An older segment is folded into what the status still needs of it: its
 * bytes into half-hour sums for the day's figure, and the gap before it, if any, into the gaps
 * ({@link RecordingGaps.Coverage}). So a camera costs ~0.4 KB a day plus its last hour, where
 * holding a day of 60 s segments was ~30 KB (300 MB at 10,000 cameras; as objects, 3.2 GB).
 */
final class StoredSegments {

  /** Segments are held one by one for this long: the hour's figure adds them up exactly. */
  static final Duration EXACT = Duration.ofHours(1);

  /** Older bytes are summed per this much time: the day's figure is off by at most half of it. */
  static final Duration BUCKET = Duration.ofMinutes(30);

  private static final long BUCKET_MILLIS = BUCKET.toMillis();
  private static final int BUCKETS = (int) (ObservationCadence.KEPT.toMillis() / BUCKET_MILLIS) + 1;

  private long[] startMillis = new long[16];
  private int[] durationMillis = new int[16];
  private long[] sizes = new long[16];
  private int first;
  private int count;
  private String newestKey;

  /** Bytes of folded segments per bucket, a ring of the newest {@link #BUCKETS}; made at first. */
  private long[] bucketBytes;

  private long newestBucket;
  private final RecordingGaps.Coverage folded = new RecordingGaps.Coverage();
  private final List<Gap> foldedGaps = new ArrayList<>(0);

  /** The greatest key held; listing may start after it. */
  Optional<String> newestKey() {
    return Optional.ofNullable(newestKey);
  }

  /** The start of the newest segment held. */
  Optional<Instant> newestStart() {
    return count == 0 ? Optional.empty() : Optional.of(start(count - 1));
  }

  /**
   * Takes one listed segment. Listings come in key order, so a key not after the newest held is one
   * already held (or one that arrived late, which the next full listing picks up).
   */
  void add(String objectKey, SegmentKey.Timing timing, long size) {
    if (newestKey != null && objectKey.compareTo(newestKey) <= 0) {
      return;
    }
    if (count == startMillis.length) {
      grow();
    }
    int slot = slot(count);
    startMillis[slot] = timing.start().toEpochMilli();
    durationMillis[slot] = (int) Math.min(Integer.MAX_VALUE, timing.duration().toMillis());
    sizes[slot] = size;
    count++;
    newestKey = objectKey;
  }

  /** What the segments held say at {@code now}; folds and forgets what is older. */
  StorageObservation observe(Instant now, EffectiveStorage storage) {
    long keptSince = now.minus(ObservationCadence.KEPT).toEpochMilli();
    long exactSince = now.minus(EXACT).toEpochMilli();
    // The newest segment stays held whatever its age: listing goes on after it.
    while (count > 1 && startMillis[slot(0)] <= exactSince) {
      fold(0, keptSince);
      first = slot(1);
      count--;
    }
    if (count == 1 && startMillis[slot(0)] < keptSince) {
      count = 0;
      newestKey = null;
    }
    foldedGaps.removeIf(gap -> gap.from().toEpochMilli() < keptSince);
    long hourAgo = now.minus(1, ChronoUnit.HOURS).toEpochMilli();
    long dayAgo = now.minus(ObservationCadence.WINDOW).toEpochMilli();
    long lastHour = 0;
    long lastDay = foldedBytesSince(dayAgo);
    List<Gap> gaps = new ArrayList<>(foldedGaps);
    RecordingGaps.Coverage coverage = folded.copy();
    for (int i = 0; i < count; i++) {
      int slot = slot(i);
      if (startMillis[slot] > dayAgo) {
        lastDay += sizes[slot];
      }
      if (startMillis[slot] > hourAgo) {
        lastHour += sizes[slot];
      }
      coverage.add(timing(i)).ifPresent(gaps::add);
    }
    Optional<SegmentKey.Timing> newest =
        count == 0 ? Optional.empty() : Optional.of(timing(count - 1));
    return new StorageObservation(
        StorageObservation.Answer.LISTED,
        storage,
        "",
        newest.map(SegmentKey.Timing::start),
        newest.map(t -> t.start().plus(t.duration())),
        lastHour,
        lastDay,
        gaps);
  }

  /** How many segments are held one by one (the rest is folded). */
  int held() {
    return count;
  }

  /**
   * Folds the {@code index}-th oldest segment into the sums and gaps, unless it is older than
   * anything the status shows: then the gap after it is no longer known either.
   */
  private void fold(int index, long keptSince) {
    int slot = slot(index);
    if (startMillis[slot] < keptSince) {
      return;
    }
    folded.add(timing(index)).ifPresent(foldedGaps::add);
    long bucket = startMillis[slot] / BUCKET_MILLIS;
    if (bucketBytes == null) {
      bucketBytes = new long[BUCKETS];
      newestBucket = bucket;
    }
    for (long b = newestBucket + 1; b <= bucket && b <= newestBucket + BUCKETS; b++) {
      bucketBytes[(int) (b % BUCKETS)] = 0;
    }
    newestBucket = Math.max(newestBucket, bucket);
    if (bucket > newestBucket - BUCKETS) {
      bucketBytes[(int) (bucket % BUCKETS)] += sizes[slot];
    }
  }

  /** Folded bytes of the buckets whose middle is after {@code sinceMillis}. */
  private long foldedBytesSince(long sinceMillis) {
    if (bucketBytes == null) {
      return 0;
    }
    long sum = 0;
    for (long b = newestBucket; b > newestBucket - BUCKETS; b--) {
      if (b * BUCKET_MILLIS + BUCKET_MILLIS / 2 > sinceMillis) {
        sum += bucketBytes[(int) (b % BUCKETS)];
      }
    }
    return sum;
  }

  private Instant start(int index) {
    return Instant.ofEpochMilli(startMillis[slot(index)]);
  }

  private SegmentKey.Timing timing(int index) {
    return new SegmentKey.Timing(start(index), Duration.ofMillis(durationMillis[slot(index)]));
  }

  /** The array slot of the {@code index}-th oldest segment held (a ring). */
  private int slot(int index) {
    return (first + index) % startMillis.length;
  }

  private void grow() {
    int capacity = startMillis.length * 2;
    long[] starts = new long[capacity];
    int[] durations = new int[capacity];
    long[] bytes = new long[capacity];
    for (int i = 0; i < count; i++) {
      int slot = slot(i);
      starts[i] = startMillis[slot];
      durations[i] = durationMillis[slot];
      bytes[i] = sizes[slot];
    }
    startMillis = starts;
    durationMillis = durations;
    sizes = bytes;
    first = 0;
  }
}
