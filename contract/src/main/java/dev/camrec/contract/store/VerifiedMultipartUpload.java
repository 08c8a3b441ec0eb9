package dev.camrec.contract.store;

import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.http.Method;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Logger;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * An S3 multipart upload with the guarantee of {@link VerifiedUpload}: the object exists only once
 * the store confirmed every byte of it. Each part is sent with its Content-MD5 (the store checks
 * it, a mismatch fails the part with BadDigest) and its answer's ETag is compared with that MD5;
 * after completion the stored object's size and ETag (the MD5 of the parts' MD5s, {@code -<n>}) are
 * compared with what was sent. Anything else aborts the upload, so no partial object is left; an
 * object that completed but does not match is deleted.
 *
 * <p>Parts may be sent from several threads at once and in any order. Requests go to presigned URLs
 * with an unsigned payload, for the reason {@link VerifiedUpload} gives.
 */
public final class VerifiedMultipartUpload {

  private static final Logger LOG = Logger.getLogger(VerifiedMultipartUpload.class.getName());

  /** S3's limit on the parts of one object. */
  public static final int MAX_PARTS = 10_000;

  /** S3's smallest part but the last. */
  public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

  private final StoreConnection store;
  private final String key;
  private final String uploadId;
  private final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();

  private record Part(byte[] md5, long length) {}

  private VerifiedMultipartUpload(StoreConnection store, String key, String uploadId) {
    this.store = store;
    this.key = key;
    this.uploadId = uploadId;
  }

  /** Starts a multipart upload of an object of that type under the key. */
  public static VerifiedMultipartUpload start(StoreConnection store, String key, MediaType type)
      throws IOException {
    Request create =
        PresignedCall.to(store, Method.POST, key, Map.of("uploads", ""))
            .header("Content-Type", type.toString())
            .post(RequestBody.create(new byte[0]))
            .build();
    String body = PresignedCall.execute(store, create, key).body();
    return new VerifiedMultipartUpload(store, key, PresignedCall.element(body, "UploadId"));
  }

  /** Sends part {@code number} (1 to {@link #MAX_PARTS}); returns once the store confirmed it. */
  public void put(int number, FileRegion region) throws IOException {
    if (number < 1 || number > MAX_PARTS) {
      throw new IOException("part " + number + " of " + key + " is beyond S3's " + MAX_PARTS);
    }
    byte[] md5 = region.md5();
    Request put =
        PresignedCall.to(
                store,
                Method.PUT,
                key,
                Map.of("partNumber", Integer.toString(number), "uploadId", uploadId))
            .header("Content-MD5", Base64.getEncoder().encodeToString(md5))
            .put(region.body(null))
            .build();
    StoreReceipt receipt = PresignedCall.execute(store, put, key).receipt();
    Optional<String> mismatch = receipt.mismatch(md5);
    if (mismatch.isPresent()) {
      throw new IOException(mismatch.get() + " for part " + number + " of " + key);
    }
    parts.put(number, new Part(md5, region.length()));
  }

  /**
   * Joins the parts sent, numbered 1 to n without a hole, into the object and checks what the store
   * holds; deletes the object when that is not what was sent.
   *
   * @return the object's size
   */
  public long complete() throws IOException {
    if (parts.isEmpty() || parts.lastKey() != parts.size()) {
      throw new IOException("parts " + parts.keySet() + " of " + key + " leave a hole");
    }
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    ByteArrayOutputStream md5s = new ByteArrayOutputStream();
    long size = 0;
    for (Map.Entry<Integer, Part> p : parts.entrySet()) {
      String etag = HexFormat.of().formatHex(p.getValue().md5());
      xml.append("<Part><PartNumber>")
          .append(p.getKey())
          .append("</PartNumber><ETag>\"")
          .append(etag)
          .append("\"</ETag></Part>");
      md5s.writeBytes(p.getValue().md5());
      size += p.getValue().length();
    }
    xml.append("</CompleteMultipartUpload>");
    Request complete =
        PresignedCall.to(store, Method.POST, key, Map.of("uploadId", uploadId))
            .post(RequestBody.create(xml.toString().getBytes(StandardCharsets.UTF_8)))
            .build();
    PresignedCall.execute(store, complete, key);
    String expected = HexFormat.of().formatHex(md5(md5s.toByteArray())) + "-" + parts.size();
    Optional<String> mismatch = stored(size, expected);
    if (mismatch.isPresent()) {
      delete();
      throw new IOException(mismatch.get() + " for " + key + "; the object was deleted");
    }
    return size;
  }

  /** Drops the parts sent so far; the store keeps nothing of this upload. Never throws. */
  public void abort() {
    try {
      Request abort =
          PresignedCall.to(store, Method.DELETE, key, Map.of("uploadId", uploadId))
              .delete()
              .build();
      PresignedCall.execute(store, abort, key);
    } catch (IOException e) {
      // The bucket's lifecycle rule for incomplete uploads is the remaining cleanup.
      LOG.warning("could not abort the multipart upload of " + key + ": " + e.getMessage());
    }
  }

  private Optional<String> stored(long size, String expectedEtag) throws IOException {
    StatObjectResponse stat;
    try {
      stat =
          store
              .client()
              .statObject(StatObjectArgs.builder().bucket(store.bucket()).object(key).build());
    } catch (Exception e) {
      throw new IOException("cannot read back " + key + ": " + e.getMessage(), e);
    }
    if (stat.size() != size) {
      return Optional.of("store holds " + stat.size() + " bytes, " + size + " were sent");
    }
    return new StoreReceipt(
            stat.etag().replace("\"", ""),
            Optional.ofNullable(stat.headers().get("x-amz-server-side-encryption")),
            stat.headers().get("x-amz-server-side-encryption-customer-algorithm") != null)
        .mismatch(expectedEtag);
  }

  private void delete() {
    try {
      store
          .client()
          .removeObject(RemoveObjectArgs.builder().bucket(store.bucket()).object(key).build());
    } catch (Exception e) {
      LOG.warning("could not delete " + key + ": " + e.getMessage());
    }
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JRE", e);
    }
  }
}
