package dev.camrec.recorder.retention;

import io.minio.errors.ErrorResponseException;
import java.io.IOException;

/**
 * Store failures in words fit for a status: the S3 error code, or the kind of I/O failure. Never an
 * exception's own message, which may carry a URL.
 */
final class StoreErrors {

  private StoreErrors() {}

  static String describe(Throwable e) {
    if (e instanceof ErrorResponseException s && s.errorResponse() != null) {
      return s.errorResponse().code();
    }
    return e.getClass().getSimpleName();
  }

  /** The store did not answer (as opposed to answering with an error). */
  static boolean unreachable(Throwable e) {
    return e instanceof IOException;
  }
}
