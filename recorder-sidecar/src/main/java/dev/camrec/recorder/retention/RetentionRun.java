package dev.camrec.recorder.retention;

import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One retention run over every target and camera of its configuration, one camera at a time (the
 * memory of one listing page and one delete batch). A camera that fails does not stop the others; a
 * store that does not answer at all is not asked again for its remaining cameras this run.
 */
public final class RetentionRun {

  private static final Logger LOG = Logger.getLogger(RetentionRun.class.getName());

  private final RetentionConfig config;
  private final Retries retries;
  private final Function<StoreSettings, StoreConnection> connect;

  public RetentionRun(
      RetentionConfig config, Retries retries, Function<StoreSettings, StoreConnection> connect) {
    this.config = config;
    this.retries = retries;
    this.connect = connect;
  }

  public RetentionResult run(Instant now) {
    int cameras = 0;
    Tally total = Tally.NONE;
    Instant oldestKept = null;
    List<CameraProblem> problems = new ArrayList<>();
    for (RetentionTarget target : config.targets()) {
      cameras += target.cameras().size();
      if (target.store().isEmpty()) {
        for (String camera : target.cameras()) {
          problems.add(
              new CameraProblem(
                  camera,
                  RetentionResult.STORAGE_UNAVAILABLE,
                  "no S3 key pair for "
                      + target.where()
                      + ": the Secret the Camera's storage names is missing or lacks its keys"));
        }
        continue;
      }
      try (StoreConnection store = connect.apply(target.store().get())) {
        CameraPruner pruner =
            new CameraPruner(
                store, config.namespace(), config.limits(), config.dryRun(), retries, now);
        String down = null;
        for (String camera : target.cameras()) {
          if (down != null) {
            problems.add(
                new CameraProblem(
                    camera,
                    RetentionResult.STORAGE_UNAVAILABLE,
                    "not tried: " + target.where() + " did not answer (" + down + ")"));
            continue;
          }
          CameraPruner.Outcome outcome = pruner.prune(camera);
          total = total.plus(outcome.tally());
          outcome.problem().ifPresent(problems::add);
          if (outcome.storeDown()) {
            down = outcome.problem().map(CameraProblem::message).orElse("no answer");
          }
          if (outcome.oldestKept().isPresent()
              && (oldestKept == null || outcome.oldestKept().get().isBefore(oldestKept))) {
            oldestKept = outcome.oldestKept().get();
          }
        }
      }
    }
    RetentionResult result =
        new RetentionResult(
            config.dryRun(),
            cameras,
            total.deleted(),
            total.freedBytes(),
            total.failed(),
            Optional.ofNullable(oldestKept).map(DateTimeFormatter.ISO_INSTANT::format).orElse(null),
            problems,
            0);
    LOG.info(
        (config.dryRun() ? "dry run: would delete " : "deleted ")
            + result.deletedObjects()
            + " segments ("
            + result.freedBytes()
            + " bytes) of "
            + cameras
            + " cameras; problems: "
            + problems.size());
    return result;
  }
}
