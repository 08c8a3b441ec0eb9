package dev.camrec.operator.camera;

import static dev.camrec.api.ConditionTypes.*;

import dev.camrec.api.CameraStatus;
import dev.camrec.operator.camera.CameraStatusAggregator.SpecProblem;
import dev.camrec.operator.common.Conditions;
import java.time.Instant;
import java.util.List;

/**
 * The status of a Camera whose spec fails {@link SchemaChecks}: no recorder runs and nothing else
 * is observed, so the conditions say why; what was stored before stays as last seen.
 */
final class InvalidSpecStatus {

  private static final String NO_RECORDER = "No recorder runs until the spec is fixed.";

  private InvalidSpecStatus() {}

  static CameraStatus of(CameraStatus previous, long generation, SpecProblem problem, Instant now) {
    var conditions =
        Conditions.settle(
            previous == null ? null : previous.conditions(),
            List.of(
                Conditions.of(
                    READY, FALSE, problem.reason(), problem.message() + " " + NO_RECORDER),
                Conditions.of(RECORDING, FALSE, problem.reason(), NO_RECORDER),
                Conditions.of(
                    STORAGE_AVAILABLE,
                    UNKNOWN,
                    "NotChecked",
                    "Storage is checked once the spec is valid.")),
            generation,
            now);
    return previous == null
        ? new CameraStatus(generation, conditions, null, null, null, null, null)
        : new CameraStatus(
            generation,
            conditions,
            previous.lastSegmentTime(),
            previous.storedBytesLastHour(),
            previous.storedBytesLastDay(),
            previous.reconnects(),
            previous.recorder());
  }
}
