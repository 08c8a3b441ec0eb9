package dev.camrec.recorder.retention;

import dev.camrec.contract.store.StoredSegment;

/** Where a deletion plan's segments go: the store's bulk delete, or a dry run's count. */
interface Deletions {

  /** Deletes the segment, now or with the next batch. */
  void delete(StoredSegment segment);

  /** Deletes what is still pending and says what came of all of it. */
  Tally finish();

  /** Drops what is pending without deleting it (the plan is to be made again). */
  void abandon();
}
