package dev.camrec.recorder.spool;

import java.util.ArrayList;
import java.util.List;

/**
 * Which segments to give up when the spool is over its size limit: the newest first, so the oldest
 * unuploaded recording is the last thing lost (it is also the next to be uploaded).
 */
public final class SpoolLimit {

  /** A finished segment in the spool and its size. */
  public record Entry(String fileName, long bytes) {}

  private SpoolLimit() {}

  /**
   * @param readyOldestFirst finished segments awaiting upload, oldest first
   * @param otherBytes bytes the limit also covers but that cannot be dropped (the file FFmpeg is
   *     writing)
   * @return the entries to delete, newest first
   */
  public static List<Entry> toDrop(List<Entry> readyOldestFirst, long otherBytes, long maxBytes) {
    long total = otherBytes + readyOldestFirst.stream().mapToLong(Entry::bytes).sum();
    List<Entry> drop = new ArrayList<>();
    for (int i = readyOldestFirst.size() - 1; i >= 0 && total > maxBytes; i--) {
      Entry newest = readyOldestFirst.get(i);
      drop.add(newest);
      total -= newest.bytes();
    }
    return drop;
  }
}
