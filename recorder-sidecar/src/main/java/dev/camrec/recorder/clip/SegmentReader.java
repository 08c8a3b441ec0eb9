package dev.camrec.recorder.clip;

import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoredSegment;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** How the clip reads the stored segments: the heads it checks and the inputs FFmpeg reads. */
final class SegmentReader {

  /**
   * A presigned URL must outlive FFmpeg's run up to the last segment it opens: a 24 h clip of 4
   * Mbit/s is read in minutes, the Job's deadline is hours. Twelve hours leaves room for a slow
   * store without handing FFmpeg a credential that lives for days.
   */
  static final Duration INPUT_URL_EXPIRY = Duration.ofHours(12);

  /** Bytes read from the start of a segment to find its moov (FFmpeg's empty moov: ~1-2 KiB). */
  private static final int HEAD_BYTES = 16 * 1024;

  /** Heads fetched at once: a small request each, latency-bound. */
  private static final int HEAD_PARALLELISM = 8;

  private final StoreConnection store;

  SegmentReader(StoreConnection store) {
    this.store = store;
  }

  /** Where FFmpeg reads a segment: straight from the store over HTTP, by a presigned GET. */
  String presignedUrl(StoredSegment segment) throws IOException {
    try {
      return store
          .client()
          .getPresignedObjectUrl(
              GetPresignedObjectUrlArgs.builder()
                  .method(Method.GET)
                  .bucket(store.bucket())
                  .object(segment.objectKey())
                  .expiry((int) INPUT_URL_EXPIRY.toSeconds(), TimeUnit.SECONDS)
                  .build());
    } catch (Exception e) {
      throw new IOException(
          "cannot sign a GET for " + segment.objectKey() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** A local copy of the segment in {@code dir} (the alternative measured in bench/clip.sh). */
  Path copy(StoredSegment segment, Path dir) throws IOException {
    Path file = dir.resolve(segment.key().fileName());
    try (InputStream in = get(segment.objectKey(), 0, null)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /** Each segment's stream signature (empty where it cannot be read), in the given order. */
  List<Optional<StreamSignature>> signatures(List<StoredSegment> segments) throws IOException {
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(HEAD_PARALLELISM, Math.max(1, segments.size())));
    try {
      List<Future<Optional<StreamSignature>>> heads = new ArrayList<>();
      for (StoredSegment s : segments) {
        heads.add(pool.submit(() -> signature(s)));
      }
      List<Optional<StreamSignature>> result = new ArrayList<>();
      for (Future<Optional<StreamSignature>> f : heads) {
        result.add(f.get());
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading segment heads", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException("reading a segment head failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Optional<StreamSignature> signature(StoredSegment segment) throws IOException {
    byte[] head = read(segment, 0, Math.min(HEAD_BYTES, segment.size()));
    Optional<Long> moovEnd = StreamSignature.moovEnd(head);
    if (moovEnd.isPresent() && moovEnd.get() > head.length && moovEnd.get() <= segment.size()) {
      head = read(segment, 0, moovEnd.get());
    }
    return StreamSignature.of(head);
  }

  private byte[] read(StoredSegment segment, long offset, long length) throws IOException {
    try (InputStream in = get(segment.objectKey(), offset, length)) {
      return in.readAllBytes();
    }
  }

  private InputStream get(String key, long offset, Long length) throws IOException {
    try {
      GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(store.bucket()).object(key);
      if (length != null) {
        args.offset(offset).length(length);
      }
      return store.client().getObject(args.build());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
    }
  }
}
