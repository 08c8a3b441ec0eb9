package dev.camrec.recorder.retention;

import dev.camrec.contract.store.StoredSegment;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes one camera's segments with S3 DeleteObjects, {@link #MAX_KEYS_PER_CALL} keys a call. Keys
 * the store refuses are tried again (alone with the other refused ones of their batch); what is
 * still there after the retries is counted as failed and left for the next run, which plans it
 * again. Deleting a key twice is harmless (S3 answers success for a missing key), so a retry after
 * an answer that got lost costs nothing.
 *
 * <p>Refuses any key outside the camera's prefix: the last guard that a run never touches another
 * camera's, another namespace's or a clip's objects.
 */
final class BulkDeletions implements Deletions {

  /** The most keys S3 takes in one DeleteObjects request. */
  static final int MAX_KEYS_PER_CALL = 1_000;

  private final MinioClient client;
  private final String bucket;
  private final String cameraPrefix;
  private final Retries retries;
  private final List<StoredSegment> pending = new ArrayList<>(MAX_KEYS_PER_CALL);
  private long deleted;
  private long freed;
  private long failed;
  private Optional<String> failure = Optional.empty();

  BulkDeletions(MinioClient client, String bucket, String cameraPrefix, Retries retries) {
    this.client = client;
    this.bucket = bucket;
    this.cameraPrefix = cameraPrefix;
    this.retries = retries;
  }

  @Override
  public void delete(StoredSegment segment) {
    if (!segment.objectKey().startsWith(cameraPrefix)) {
      throw new IllegalArgumentException(
          "refusing to delete " + segment.objectKey() + ": not under " + cameraPrefix);
    }
    pending.add(segment);
    if (pending.size() == MAX_KEYS_PER_CALL) {
      flush();
    }
  }

  @Override
  public Tally finish() {
    flush();
    return new Tally(deleted, freed, failed, failure);
  }

  @Override
  public void abandon() {
    pending.clear();
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<StoredSegment> left = new ArrayList<>(pending);
    pending.clear();
    Exception refused = null;
    Map<String, String> errors = Map.of();
    for (int attempt = 1; attempt <= retries.attempts() && !left.isEmpty(); attempt++) {
      if (attempt > 1) {
        retries.pauseBefore(attempt);
      }
      try {
        errors = send(left);
        refused = null;
      } catch (Exception e) {
        refused = e;
        continue;
      }
      List<StoredSegment> still = new ArrayList<>();
      for (StoredSegment s : left) {
        if (errors.containsKey(s.objectKey())) {
          still.add(s);
        } else {
          deleted++;
          freed += s.size();
        }
      }
      left = still;
    }
    if (left.isEmpty()) {
      return;
    }
    failed += left.size();
    if (refused != null) {
      String why = StoreErrors.describe(refused);
      failure = Optional.of(why);
      throw new DeleteAborted(
          "the store refused a delete of "
              + left.size()
              + " segments "
              + retries.attempts()
              + " times: "
              + why,
          StoreErrors.unreachable(refused));
    }
    failure = Optional.of(errors.get(left.get(left.size() - 1).objectKey()));
  }

  /** One DeleteObjects call; the keys the store refused, with its error code. */
  private Map<String, String> send(List<StoredSegment> batch) throws Exception {
    List<DeleteObject> objects = new ArrayList<>(batch.size());
    for (StoredSegment s : batch) {
      objects.add(new DeleteObject(s.objectKey()));
    }
    Map<String, String> errors = new HashMap<>();
    Iterable<Result<DeleteError>> results =
        client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(objects).build());
    for (Result<DeleteError> result : results) {
      DeleteError error = result.get(); // throws when the request as a whole failed
      errors.put(error.objectName(), error.code());
    }
    return errors;
  }
}
