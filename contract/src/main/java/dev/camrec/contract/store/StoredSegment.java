package dev.camrec.contract.store;

import dev.camrec.contract.layout.SegmentKey;

/** A segment found in the store: its key (start and duration) and its size, from a listing. */
public record StoredSegment(SegmentKey key, long size) {

  public String objectKey() {
    return key.objectKey();
  }
}
