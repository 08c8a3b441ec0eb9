package dev.camrec.contract.store;

import java.util.HexFormat;
import java.util.Optional;
import okhttp3.Response;

/**
 * What a successful PUT's answer says about the bytes the store now holds. The store has checked
 * the body against our Content-MD5 (a mismatch fails the PUT with BadDigest). For a plain object
 * the ETag is that MD5 again, and comparing it also catches a store that ignores Content-MD5. An
 * object the store encrypts with a KMS key or a customer key gets an ETag that is not its MD5 (S3
 * API: "Common Response Headers", ETag), so there the store's own check is the one there is; a
 * recorder writing into such a bucket would otherwise retry every segment until its spool is full.
 */
record StoreReceipt(String etag, Optional<String> encryption, boolean customerKey) {

  static StoreReceipt of(Response response) {
    return new StoreReceipt(
        response.header("ETag", "").replace("\"", ""),
        Optional.ofNullable(response.header("x-amz-server-side-encryption")),
        response.header("x-amz-server-side-encryption-customer-algorithm") != null);
  }

  /** Empty when the answer confirms our bytes; otherwise why not. */
  Optional<String> mismatch(byte[] md5) {
    return mismatch(HexFormat.of().formatHex(md5));
  }

  /**
   * Empty when the ETag is the expected one (a plain object's MD5 in hex, or a multipart object's
   * MD5 of its parts' MD5s with {@code -<parts>}); otherwise why not.
   */
  Optional<String> mismatch(String expected) {
    if (etag.equalsIgnoreCase(expected) || etagIsNotAnMd5()) {
      return Optional.empty();
    }
    return Optional.of("store returned ETag " + etag + ", expected MD5 " + expected);
  }

  private boolean etagIsNotAnMd5() {
    return customerKey || encryption.filter(e -> e.startsWith("aws:kms")).isPresent();
  }
}
