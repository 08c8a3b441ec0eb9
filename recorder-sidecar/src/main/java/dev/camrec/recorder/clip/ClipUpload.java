package dev.camrec.recorder.clip;

import dev.camrec.contract.store.FileRegion;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.VerifiedMultipartUpload;
import dev.camrec.contract.store.VerifiedUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * Uploads the clip while FFmpeg writes it, as a {@link VerifiedMultipartUpload}: cutting, hashing
 * and sending overlap instead of following one another (three passes over the file before).
 *
 * <p>FFmpeg writes the media in order behind room reserved for the moov ({@link MoovReserve}); the
 * only bytes it writes again are the moov into that room and the mdat's size just behind it. So the
 * file is sent as part 1, the head (the reserved room plus one part length), sent last once FFmpeg
 * ended, and parts 2.. of {@link #PART_BYTES} each, sent as soon as the file has grown past their
 * end, up to {@link #IN_FLIGHT} at once. Any failure aborts the upload: the store keeps nothing.
 */
final class ClipUpload {

  /**
   * 32 MiB: S3's 10,000 parts then hold 312 GiB, and three in flight stream from the file through
   * 64 KiB buffers, not held in memory.
   */
  static final long PART_BYTES = 32L * 1024 * 1024;

  /** Parts hashed and sent at once: one per core and one waiting for the store's answer. */
  static final int IN_FLIGHT = 3;

  /** How often the growing file's size is looked at: a part takes ~100 ms to write. */
  private static final Duration POLL = Duration.ofMillis(20);

  private static final Logger LOG = Logger.getLogger(ClipUpload.class.getName());

  private final StoreConnection store;
  private final String key;

  ClipUpload(StoreConnection store, String key) {
    this.store = store;
    this.key = key;
  }

  /**
   * Sends the file the cut writes, then completes the upload once the cut ended well.
   *
   * @param moovReserve the room FFmpeg keeps for the moov at the file's front
   * @return the stored object's size
   * @throws ClipCut.Failed when FFmpeg failed
   */
  long upload(Path file, long moovReserve, ClipCut.Running cut) throws IOException {
    long started = System.nanoTime();
    long head = moovReserve + PART_BYTES;
    VerifiedMultipartUpload upload = VerifiedMultipartUpload.start(store, key, VerifiedUpload.MP4);
    ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<Future<?>> sent = new ArrayList<>();
    boolean stored = false;
    try {
      long next = head;
      int number = 2;
      boolean written;
      do {
        written = !cut.isAlive(); // before the size: what it then shows is all there is
        for (long size = size(file); size - next >= PART_BYTES; next += PART_BYTES) {
          sent.add(send(pool, slots, upload, number++, new FileRegion(file, next, PART_BYTES)));
        }
        checkSent(sent);
        if (!written) {
          sleep();
        }
      } while (!written);
      cut.await();
      long cutEnded = System.nanoTime();
      long sentWhileCutting = sent.stream().filter(Future::isDone).count();
      long size = size(file);
      if (size > next) {
        sent.add(send(pool, slots, upload, number, new FileRegion(file, next, size - next)));
      }
      sent.add(send(pool, slots, upload, 1, new FileRegion(file, 0, Math.min(head, size))));
      for (Future<?> part : sent) {
        waitFor(part);
      }
      long partsSent = System.nanoTime();
      long bytes = upload.complete();
      stored = true;
      LOG.info(
          String.format(
              Locale.ROOT,
              "clip upload: FFmpeg ended after %.1f s, %d of %d parts stored by then; the rest"
                  + " %.1f s; completion %.1f s",
              (cutEnded - started) / 1e9,
              sentWhileCutting,
              sent.size(),
              (partsSent - cutEnded) / 1e9,
              (System.nanoTime() - partsSent) / 1e9));
      return bytes;
    } finally {
      pool.shutdownNow();
      if (!stored) {
        upload.abort();
      }
    }
  }

  private static Future<?> send(
      ExecutorService pool,
      Semaphore slots,
      VerifiedMultipartUpload upload,
      int number,
      FileRegion region)
      throws IOException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while uploading the clip", e);
    }
    return pool.submit(
        () -> {
          try {
            upload.put(number, region);
          } finally {
            slots.release();
          }
          return null;
        });
  }

  /** Throws the first failure of a part already sent, so a broken upload ends the cut early. */
  private static void checkSent(List<Future<?>> sent) throws IOException {
    for (Future<?> part : sent) {
      if (part.isDone()) {
        waitFor(part);
      }
    }
  }

  private static void waitFor(Future<?> part) throws IOException {
    try {
      part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while uploading the clip", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException("uploading a part failed: " + e.getCause(), e.getCause());
    }
  }

  private static long size(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0; // FFmpeg has not opened it yet
    }
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while uploading the clip", e);
    }
  }
}
