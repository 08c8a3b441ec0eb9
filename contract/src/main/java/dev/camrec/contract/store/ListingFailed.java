package dev.camrec.contract.store;

/**
 * A listing page the store did not deliver. Unchecked because listings are iterated lazily; the
 * cause is what the client threw (an {@code ErrorResponseException} with the S3 error code, an
 * {@code IOException} for a store that did not answer).
 */
public final class ListingFailed extends RuntimeException {
  public ListingFailed(String where, Exception cause) {
    super("listing " + where + " failed: " + cause.getClass().getSimpleName(), cause);
  }
}
