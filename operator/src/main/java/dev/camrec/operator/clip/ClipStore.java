package dev.camrec.operator.clip;

import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.store.StoreTimeouts;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.RemoveObjectArgs;
import io.minio.http.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The operator's two uses of the storage for clips: signing a download link and deleting a clip
 * object. One HTTP client for all stores; short timeouts, as for any look from a reconcile.
 */
public class ClipStore implements AutoCloseable {

  /** A presigned GET and when it stops working. The URL carries a signature: never log it. */
  public record SignedLink(String url, Instant expires) {
    @Override
    public String toString() {
      return "SignedLink[expires=" + expires + "]";
    }
  }

  private final OkHttpClient http = StoreTimeouts.PROBE.httpClient();

  /**
   * Signs a GET of the object, valid for {@code validity} from {@code now}. Offline: the signature
   * is computed here, the store is not asked (the region is known).
   */
  public SignedLink sign(StoreSettings store, String key, Duration validity, Instant now)
      throws Exception {
    try (StoreConnection c = StoreConnection.sharing(store, http)) {
      String url =
          c.client()
              .getPresignedObjectUrl(
                  GetPresignedObjectUrlArgs.builder()
                      .method(Method.GET)
                      .bucket(store.bucket())
                      .object(key)
                      .expiry((int) validity.toSeconds(), TimeUnit.SECONDS)
                      .build());
      return new SignedLink(url, now.plus(validity));
    }
  }

  /** Deletes the object; deleting one that is not there is no error (S3 semantics). */
  public void delete(StoreSettings store, String key) throws Exception {
    try (StoreConnection c = StoreConnection.sharing(store, http)) {
      c.client()
          .removeObject(RemoveObjectArgs.builder().bucket(store.bucket()).object(key).build());
    }
  }

  @Override
  public void close() {
    StoreConnection.release(http);
  }
}
