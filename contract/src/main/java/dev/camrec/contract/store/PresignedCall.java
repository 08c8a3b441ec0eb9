package dev.camrec.contract.store;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.http.Method;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One S3 request sent to a URL presigned for it (signature V4, unsigned payload), so a body is sent
 * as it is read and never hashed with SHA-256 for the signature (see {@link VerifiedUpload}). A
 * failure names the key and the store's error code, never the URL: it carries the access key and a
 * signature.
 */
final class PresignedCall {

  /** A presigned URL is made right before its request; it need not live long. */
  private static final int URL_EXPIRY_MINUTES = 15;

  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

  private PresignedCall() {}

  static Request.Builder to(
      StoreConnection store, Method method, String key, Map<String, String> query)
      throws IOException {
    try {
      return new Request.Builder()
          .url(
              store
                  .client()
                  .getPresignedObjectUrl(
                      GetPresignedObjectUrlArgs.builder()
                          .method(method)
                          .bucket(store.bucket())
                          .object(key)
                          .extraQueryParams(query)
                          .expiry(URL_EXPIRY_MINUTES, TimeUnit.MINUTES)
                          .build()));
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot sign a " + method + " for " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the request and returns the answer's body; throws unless the store answered with success
   * and, as S3 may for a multipart completion, without an error in a 200 answer's body.
   */
  static Answer execute(StoreConnection store, Request request, String key) throws IOException {
    try (Response response = store.http().newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful() || body.contains("<Error>")) {
        throw new IOException(
            "store answered " + response.code() + " " + errorCode(body) + " for " + key);
      }
      return new Answer(StoreReceipt.of(response), body);
    }
  }

  /** What a successful request returned. */
  record Answer(StoreReceipt receipt, String body) {}

  /** The first value of an XML element of the answer, e.g. UploadId. */
  static String element(String body, String name) throws IOException {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(body);
    if (!m.find()) {
      throw new IOException("the store's answer has no " + name);
    }
    return m.group(1);
  }

  /** The S3 error code (BadDigest, AccessDenied, ...) of an error answer, if it has one. */
  private static String errorCode(String body) {
    Matcher m = ERROR_CODE.matcher(body);
    return m.find() ? m.group(1) : "";
  }
}
