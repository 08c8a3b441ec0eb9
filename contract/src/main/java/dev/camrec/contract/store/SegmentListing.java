package dev.camrec.contract.store;

import dev.camrec.contract.layout.SegmentKey;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One camera's stored segments, oldest first, read from the keys alone (no HEAD per object) and
 * streamed: pages are fetched as the caller iterates, so memory stays bounded whatever the camera
 * holds. Listings go by day or hour prefix, never the whole camera prefix at once: some stores
 * (s3proxy's filesystem store) read every key under the prefix for each page they answer, so a
 * page's cost grows with the prefix, not the page.
 */
public final class SegmentListing {

  /**
   * Three listing pages: a day prefix holding more keys than this is listed an hour at a time. A
   * day of 3 s segments is 28,800 keys, and each of its 29 pages took 1.3 s on an idle machine
   * against s3proxy; a day of 60 s segments (1,440 keys) is two requests instead of 25 hourly.
   */
  private static final int MAX_KEYS_PER_PREFIX = 3_000;

  private final MinioClient client;
  private final String bucket;
  private final String namespace;
  private final String camera;

  public SegmentListing(StoreConnection store, String namespace, String camera) {
    this(store.client(), store.bucket(), namespace, camera);
  }

  public SegmentListing(MinioClient client, String bucket, String namespace, String camera) {
    this.client = client;
    this.bucket = bucket;
    this.namespace = namespace;
    this.camera = camera;
  }

  /** Day prefixes for segments this long, or hour prefixes where a day holds too many keys. */
  public static ChronoUnit spanFor(Duration segment) {
    long keysPerDay = ChronoUnit.DAYS.getDuration().toSeconds() / Math.max(1, segment.toSeconds());
    return keysPerDay > MAX_KEYS_PER_PREFIX ? ChronoUnit.HOURS : ChronoUnit.DAYS;
  }

  /**
   * Segments under the {@code span} prefixes (days or hours) from {@code from}'s to {@code to}'s,
   * after the key {@code startAfter} when given (keys sort by time, so a caller holding the newest
   * key asks for what came since). Whole prefixes: a caller that needs an exact range filters.
   */
  public Iterable<StoredSegment> startedInPrefixes(
      Instant from, Instant to, ChronoUnit span, Optional<String> startAfter) {
    return () -> flatten(prefixes(from, to, span), prefix -> segmentsUnder(prefix, startAfter));
  }

  private Iterator<String> prefixes(Instant from, Instant to, ChronoUnit span) {
    return new Iterator<>() {
      Instant next = from.truncatedTo(span);

      @Override
      public boolean hasNext() {
        return !next.isAfter(to);
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Instant t = next;
        next = next.plus(1, span);
        return span == ChronoUnit.HOURS
            ? SegmentKey.hourPrefix(namespace, camera, t)
            : SegmentKey.dayPrefix(namespace, camera, t);
      }
    };
  }

  /**
   * Every segment of the camera, oldest first: the day folders are found with delimiter listings (a
   * few hundred entries for a year), then read one day at a time.
   */
  public Iterable<StoredSegment> all() {
    String cameraPrefix = SegmentKey.cameraPrefix(namespace, camera);
    return () ->
        flatten(
            flatten(
                flatten(folders(cameraPrefix), this::folders), // years -> months
                this::folders), // months -> days
            day -> segmentsUnder(day, Optional.empty()));
  }

  private Iterator<String> folders(String prefix) {
    Iterator<Result<Item>> items =
        client
            .listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).build())
            .iterator();
    return new Iterator<>() {
      String next = advance();

      private String advance() {
        while (items.hasNext()) {
          Item item = get(items.next(), prefix);
          if (item.isDir()) {
            return item.objectName();
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public String next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String current = next;
        next = advance();
        return current;
      }
    };
  }

  private Iterator<StoredSegment> segmentsUnder(String prefix, Optional<String> startAfter) {
    ListObjectsArgs.Builder args =
        ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true);
    // A startAfter before the prefix is ignored by S3; after it, the prefix yields nothing.
    startAfter.filter(key -> key.compareTo(prefix) > 0).ifPresent(args::startAfter);
    Iterator<Result<Item>> items = client.listObjects(args.build()).iterator();
    Iterator<StoredSegment> parsed =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return items.hasNext();
          }

          @Override
          public StoredSegment next() {
            Item item = get(items.next(), prefix);
            return SegmentKey.parse(item.objectName())
                .filter(k -> k.namespace().equals(namespace) && k.camera().equals(camera))
                .map(k -> new StoredSegment(k, item.size()))
                .orElse(null);
          }
        };
    return new Filtered(parsed, s -> s != null);
  }

  private Item get(Result<Item> result, String prefix) {
    try {
      return result.get();
    } catch (Exception e) {
      throw new ListingFailed(prefix + " in bucket " + bucket, e);
    }
  }

  private static <A, B> Iterator<B> flatten(Iterator<A> outer, Function<A, Iterator<B>> inner) {
    return new Iterator<>() {
      Iterator<B> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && outer.hasNext()) {
          current = inner.apply(outer.next());
        }
        return current.hasNext();
      }

      @Override
      public B next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** The elements of an iterator that pass a test, read one ahead. */
  private static final class Filtered implements Iterator<StoredSegment> {
    private final Iterator<StoredSegment> source;
    private final java.util.function.Predicate<StoredSegment> keep;
    private StoredSegment next;

    Filtered(Iterator<StoredSegment> source, java.util.function.Predicate<StoredSegment> keep) {
      this.source = source;
      this.keep = keep;
    }

    @Override
    public boolean hasNext() {
      while (next == null && source.hasNext()) {
        StoredSegment candidate = source.next();
        if (keep.test(candidate)) {
          next = candidate;
        }
      }
      return next != null;
    }

    @Override
    public StoredSegment next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      StoredSegment current = next;
      next = null;
      return current;
    }
  }
}
