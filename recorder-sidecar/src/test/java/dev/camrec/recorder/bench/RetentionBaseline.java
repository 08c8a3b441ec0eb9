package dev.camrec.recorder.bench;

import dev.camrec.contract.layout.SegmentKey;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The benchmark's baseline: deletes the same keys as a retention run with nothing but the MinIO
 * client, as fast as it goes: one recursive listing per camera prefix fed lazily into {@code
 * removeObjects} (DeleteObjects, 1,000 keys a call). No plan, no retries, no result.
 *
 * <p>Args: endpoint accessKey secretKey bucket namespace cutoff(ISO) camera...
 */
public final class RetentionBaseline {

  public static void main(String[] args) throws Exception {
    String bucket = args[3];
    String namespace = args[4];
    Instant cutoff = Instant.parse(args[5]);
    try (MinioClient client =
        MinioClient.builder().endpoint(args[0]).credentials(args[1], args[2]).build()) {
      for (int i = 6; i < args.length; i++) {
        Iterator<Result<Item>> listing =
            client
                .listObjects(
                    ListObjectsArgs.builder()
                        .bucket(bucket)
                        .prefix(SegmentKey.cameraPrefix(namespace, args[i]))
                        .recursive(true)
                        .build())
                .iterator();
        Iterable<DeleteObject> expired = () -> expired(listing, cutoff);
        for (Result<DeleteError> r :
            client.removeObjects(
                RemoveObjectsArgs.builder().bucket(bucket).objects(expired).build())) {
          throw new IllegalStateException("delete failed: " + r.get().code());
        }
      }
    }
  }

  /** The listed keys whose segment ended before the cutoff. */
  private static Iterator<DeleteObject> expired(Iterator<Result<Item>> listing, Instant cutoff) {
    return new Iterator<>() {
      DeleteObject next;

      @Override
      public boolean hasNext() {
        while (next == null && listing.hasNext()) {
          String key;
          try {
            key = listing.next().get().objectName();
          } catch (Exception e) {
            throw new IllegalStateException("listing failed", e);
          }
          if (SegmentKey.parse(key).filter(k -> k.end().isBefore(cutoff)).isPresent()) {
            next = new DeleteObject(key);
          }
        }
        return next != null;
      }

      @Override
      public DeleteObject next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        DeleteObject d = next;
        next = null;
        return d;
      }
    };
  }
}
