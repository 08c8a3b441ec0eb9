package dev.camrec.recorder.retention;

import dev.camrec.contract.store.StoredSegment;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which segments of one camera a run deletes, oldest first, as a pure function of the camera's
 * listing: every segment that ended before {@code now - maxAge}, then the oldest of the rest until
 * the camera holds at most {@code maxBytes}.
 *
 * <p>Memory does not grow with the camera: the plan reads the listing as a stream, twice when a
 * byte limit applies. The first pass deletes by age and adds up what stays; only then is it known
 * how many bytes are too many, and the second pass deletes the oldest that stay until that much is
 * freed, stopping at the first segment it keeps. Keys sort by time, so the second pass reads only
 * the part it deletes (the age-expired segments are gone by then, unless the run is dry).
 *
 * <p>Only the camera's own segments count: a listing that yields another camera's key (a prefix
 * collision such as {@code door} and {@code door-2}) or something that is not a segment never gets
 * it deleted.
 *
 * <p>Iterate once; {@link #oldestKept()} is known after the iteration ended.
 */
public final class DeletionPlan implements Iterable<DeletionPlan.Deletion> {

  /** Why a segment goes. */
  public enum Why {
    AGE,
    SIZE
  }

  public record Deletion(StoredSegment segment, Why why) {}

  private final String namespace;
  private final String camera;
  private final RetentionLimits limits;
  private final Optional<Instant> cutoff;
  private final Supplier<? extends Iterable<StoredSegment>> listing;
  private Instant oldestKept;
  private boolean iterated;

  /**
   * @param listing the camera's segments oldest first; called once per pass
   */
  public DeletionPlan(
      String namespace,
      String camera,
      RetentionLimits limits,
      Instant now,
      Supplier<? extends Iterable<StoredSegment>> listing) {
    this.namespace = namespace;
    this.camera = camera;
    this.limits = limits;
    this.cutoff = limits.ageCutoff(now);
    this.listing = listing;
  }

  /** Start of the oldest segment the plan keeps; empty when it keeps none. */
  public Optional<Instant> oldestKept() {
    return Optional.ofNullable(oldestKept);
  }

  @Override
  public Iterator<Deletion> iterator() {
    if (iterated) {
      throw new IllegalStateException("a deletion plan is iterated once");
    }
    iterated = true;
    return new Passes();
  }

  private boolean ours(StoredSegment s) {
    return s.key().namespace().equals(namespace) && s.key().camera().equals(camera);
  }

  /** Ended strictly before the cutoff: a segment crossing it still holds wanted footage. */
  private boolean expired(StoredSegment s) {
    return cutoff.isPresent() && s.key().end().isBefore(cutoff.get());
  }

  private void kept(StoredSegment s) {
    if (oldestKept == null || s.key().start().isBefore(oldestKept)) {
      oldestKept = s.key().start();
    }
  }

  /** The two passes as one lazy iterator: age (and the byte count), then size. */
  private final class Passes implements Iterator<Deletion> {
    private Iterator<StoredSegment> segments = listing.get().iterator();
    private boolean secondPass;
    private boolean done;
    private long keptBytes;
    private long excess;
    private long freed;
    private Deletion next;

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        next = secondPass ? sizePass() : agePass();
      }
      return next != null;
    }

    @Override
    public Deletion next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Deletion current = next;
      next = null;
      return current;
    }

    /** The next age deletion, or null after switching to the size pass or finishing. */
    private Deletion agePass() {
      while (segments.hasNext()) {
        StoredSegment s = segments.next();
        if (!ours(s)) {
          continue;
        }
        if (expired(s)) {
          return new Deletion(s, Why.AGE);
        }
        keptBytes += s.size();
        kept(s);
      }
      excess = limits.maxBytes().map(max -> keptBytes - max).orElse(0L);
      if (excess <= 0) {
        done = true;
        return null;
      }
      // Who is kept is decided again, oldest first, by the size pass.
      oldestKept = null;
      secondPass = true;
      segments = listing.get().iterator();
      return null;
    }

    private Deletion sizePass() {
      while (segments.hasNext()) {
        StoredSegment s = segments.next();
        if (!ours(s) || expired(s)) {
          continue;
        }
        if (freed < excess) {
          freed += s.size();
          return new Deletion(s, Why.SIZE);
        }
        // Keys sort by time: this one and every newer one stay.
        kept(s);
        done = true;
        return null;
      }
      done = true;
      return null;
    }
  }
}
