package dev.camrec.recorder.retention;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.store.ListingFailed;
import dev.camrec.contract.store.SegmentListing;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Prunes one camera in one store: plans from the streamed listing and deletes as it plans. A
 * listing that fails part-way is planned again from the start (what was deleted stays deleted, the
 * rest is decided anew), up to the retries; what is left is this camera's problem for the result.
 */
final class CameraPruner {

  private static final Logger LOG = Logger.getLogger(CameraPruner.class.getName());

  /** What one camera came to. */
  record Outcome(
      Tally tally,
      Optional<Instant> oldestKept,
      Optional<CameraProblem> problem,
      boolean storeDown) {}

  private final StoreConnection store;
  private final String namespace;
  private final RetentionLimits limits;
  private final boolean dryRun;
  private final Retries retries;
  private final Instant now;

  CameraPruner(
      StoreConnection store,
      String namespace,
      RetentionLimits limits,
      boolean dryRun,
      Retries retries,
      Instant now) {
    this.store = store;
    this.namespace = namespace;
    this.limits = limits;
    this.dryRun = dryRun;
    this.retries = retries;
    this.now = now;
  }

  Outcome prune(String camera) {
    SegmentListing listing = new SegmentListing(store, namespace, camera);
    Tally done = Tally.NONE;
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        retries.pauseBefore(attempt);
      }
      Deletions deletions =
          dryRun
              ? new DryRunDeletions()
              : new BulkDeletions(
                  store.client(),
                  store.bucket(),
                  SegmentKey.cameraPrefix(namespace, camera),
                  retries);
      DeletionPlan plan = new DeletionPlan(namespace, camera, limits, now, listing::all);
      try {
        for (DeletionPlan.Deletion d : plan) {
          deletions.delete(d.segment());
        }
        Tally tally = done.plus(deletions.finish());
        log(camera, tally, plan.oldestKept());
        return new Outcome(
            tally,
            plan.oldestKept(),
            tally.failed() == 0
                ? Optional.empty()
                : Optional.of(
                    new CameraProblem(
                        camera,
                        RetentionResult.DELETE_FAILED,
                        tally.failed()
                            + " segments could not be deleted ("
                            + tally.failure().orElse("unknown")
                            + "); the next run tries again")),
            false);
      } catch (ListingFailed e) {
        // The pending batch is dropped: the next attempt plans it again. Failures of this attempt
        // are not final either; its deletions are.
        deletions.abandon();
        Tally t = deletions.finish();
        done = done.plus(new Tally(t.deleted(), t.freedBytes(), 0, Optional.empty()));
        if (attempt == retries.attempts()) {
          return given(
              camera,
              done,
              "listing its segments failed: " + StoreErrors.describe(e.getCause()),
              StoreErrors.unreachable(e.getCause()));
        }
      } catch (DeleteAborted e) {
        deletions.abandon();
        done = done.plus(deletions.finish());
        return given(camera, done, e.getMessage(), e.storeDown());
      }
    }
  }

  private Outcome given(String camera, Tally done, String why, boolean storeDown) {
    LOG.warning(
        "camera " + namespace + "/" + camera + ": given up for this run: " + why + "; " + done);
    return new Outcome(
        done,
        Optional.empty(),
        Optional.of(
            new CameraProblem(
                camera,
                storeDown ? RetentionResult.STORAGE_UNAVAILABLE : RetentionResult.DELETE_FAILED,
                why)),
        storeDown);
  }

  private void log(String camera, Tally tally, Optional<Instant> oldestKept) {
    LOG.info(
        "camera "
            + namespace
            + "/"
            + camera
            + ": "
            + (dryRun ? "would delete " : "deleted ")
            + tally.deleted()
            + " segments ("
            + tally.freedBytes()
            + " bytes)"
            + (tally.failed() > 0 ? ", " + tally.failed() + " could not be deleted" : "")
            + "; oldest kept: "
            + oldestKept.map(Instant::toString).orElse("none"));
  }
}
