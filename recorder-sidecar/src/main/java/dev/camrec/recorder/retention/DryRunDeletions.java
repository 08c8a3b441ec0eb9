package dev.camrec.recorder.retention;

import dev.camrec.contract.store.StoredSegment;
import java.util.Optional;

/** A dry run: counts what would be deleted and deletes nothing. */
final class DryRunDeletions implements Deletions {

  private long count;
  private long bytes;

  @Override
  public void delete(StoredSegment segment) {
    count++;
    bytes += segment.size();
  }

  @Override
  public Tally finish() {
    return new Tally(count, bytes, 0, Optional.empty());
  }

  @Override
  public void abandon() {
    count = 0;
    bytes = 0;
  }
}
