package dev.camrec.contract.store;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

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

  /** A presigned URL is made right before its PUT; it need not live long. */
  private static final int URL_EXPIRY_MINUTES = 15;

  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

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
    byte[] md5 = md5(file);
    String url;
    try {
      url =
          store
              .client()
              .getPresignedObjectUrl(
                  GetPresignedObjectUrlArgs.builder()
                      .method(Method.PUT)
                      .bucket(store.bucket())
                      .object(key)
                      .expiry(URL_EXPIRY_MINUTES, TimeUnit.MINUTES)
                      .build());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot sign a PUT for " + key + ": " + e.getMessage(), e);
    }
    Request put =
        new Request.Builder()
            .url(url)
            .header("Content-MD5", Base64.getEncoder().encodeToString(md5))
            .put(RequestBody.create(file.toFile(), type))
            .build();
    StoreReceipt receipt;
    try (Response response = store.http().newCall(put).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException(
            "store answered "
                + response.code()
                + " "
                + errorCode(response.body().string())
                + " for "
                + key);
      }
      receipt = StoreReceipt.of(response);
    }
    Optional<String> mismatch = receipt.mismatch(md5);
    if (mismatch.isPresent()) {
      throw new IOException(mismatch.get() + " for " + key);
    }
    return size;
  }

  /** The S3 error code (BadDigest, AccessDenied, ...) of an error answer, if it has one. */
  private static String errorCode(String body) {
    Matcher m = ERROR_CODE.matcher(body);
    return m.find() ? m.group(1) : "";
  }

  private static byte[] md5(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JRE", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return digest.digest();
  }
}
