package dev.camrec.contract.store;

import io.minio.http.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Puts a file into the store and returns only once the store confirmed it holds those bytes: the
 * store checks the body against the Content-MD5 header we send (a mismatch fails the PUT with
 * BadDigest), and its answer is checked again ({@link StoreReceipt}).
 *
 * <p>The file goes up as one PUT to a URL presigned for it (signature V4 with an unsigned payload),
 * not through the client's own upload. That upload signs the payload: it reads the whole file once
 * more to hash it with SHA-256, which on the recorder's C1-only JVM cost three times the MD5 and
 * more CPU than all of FFmpeg's stream copy (see bench/RESULTS.md). The MD5 is the integrity check
 * either way; the signature's payload hash would only be a second one.
 */
public final class VerifiedUpload {

  public static final MediaType MP4 = MediaType.get("video/mp4");

  private final StoreConnection store;

  public VerifiedUpload(StoreConnection store) {
    this.store = store;
  }

  /**
   * Stores the file under the key. Throws when the store did not confirm it; the message names the
   * key and the store's error code, never the URL (it carries the access key and a signature).
   *
   * @return the number of bytes stored
   */
  public long put(Path file, String key, MediaType type) throws IOException {
    long size = Files.size(file);
    byte[] md5 = new FileRegion(file, 0, size).md5();
    Request put =
        PresignedCall.to(store, Method.PUT, key, Map.of())
            .header("Content-MD5", Base64.getEncoder().encodeToString(md5))
            .put(RequestBody.create(file.toFile(), type))
            .build();
    StoreReceipt receipt = PresignedCall.execute(store, put, key).receipt();
    Optional<String> mismatch = receipt.mismatch(md5);
    if (mismatch.isPresent()) {
      throw new IOException(mismatch.get() + " for " + key);
    }
    return size;
  }
}
