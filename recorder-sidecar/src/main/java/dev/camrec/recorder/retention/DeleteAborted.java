package dev.camrec.recorder.retention;

/**
 * A batch of deletes the store refused as a whole on every try: the camera is given up for this
 * run. {@code storeDown} when it did not answer at all (connection refused, timeouts): the other
 * cameras of the same store would fare no better.
 */
final class DeleteAborted extends RuntimeException {
  private final boolean storeDown;

  DeleteAborted(String message, boolean storeDown) {
    super(message);
    this.storeDown = storeDown;
  }

  boolean storeDown() {
    return storeDown;
  }
}
