package dev.camrec.contract.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class StoreReceiptTest {

  private static final byte[] MD5 = md5("a segment");
  private static final String MD5_HEX = HexFormat.of().formatHex(MD5);

  /** The shape of an ETag S3 gives an object encrypted with a KMS key: not the body's MD5. */
  private static final String OPAQUE_ETAG = "7e2ac8a0f5f9d3c1b4a6e8d0c2f4a6b8";

  @Test
  void aPlainObjectMustCarryOurMd5AsItsEtag() {
    assertThat(StoreReceipt.of(answer("\"" + MD5_HEX + "\"")).mismatch(MD5)).isEmpty();
    assertThat(StoreReceipt.of(answer("\"" + OPAQUE_ETAG + "\"")).mismatch(MD5))
        .hasValueSatisfying(why -> assertThat(why).contains(OPAQUE_ETAG).contains(MD5_HEX));
    assertThat(StoreReceipt.of(answer(null)).mismatch(MD5)).isPresent();
  }

  @Test
  void anObjectEncryptedWithAKmsOrCustomerKeyRestsOnTheStoresContentMd5Check() {
    assertThat(
            StoreReceipt.of(answer(OPAQUE_ETAG, "x-amz-server-side-encryption", "aws:kms"))
                .mismatch(MD5))
        .isEmpty();
    assertThat(
            StoreReceipt.of(answer(OPAQUE_ETAG, "x-amz-server-side-encryption", "aws:kms:dsse"))
                .mismatch(MD5))
        .isEmpty();
    assertThat(
            StoreReceipt.of(
                    answer(
                        OPAQUE_ETAG, "x-amz-server-side-encryption-customer-algorithm", "AES256"))
                .mismatch(MD5))
        .isEmpty();
  }

  @Test
  void storeManagedKeysKeepTheMd5Etag() {
    // SSE-S3 (AES256): S3 still answers with the MD5, so a different one is still a mismatch.
    assertThat(
            StoreReceipt.of(answer(OPAQUE_ETAG, "x-amz-server-side-encryption", "AES256"))
                .mismatch(MD5))
        .isPresent();
  }

  private static Response answer(String etag, String... headers) {
    Response.Builder answer =
        new Response.Builder()
            .request(new Request.Builder().url("http://127.0.0.1:9000/bucket/key").build())
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK");
    if (etag != null) {
      answer.header("ETag", etag);
    }
    for (int i = 0; i < headers.length; i += 2) {
      answer.header(headers[i], headers[i + 1]);
    }
    return answer.build();
  }

  private static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
