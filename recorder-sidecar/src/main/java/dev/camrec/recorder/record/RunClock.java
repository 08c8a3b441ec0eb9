package dev.camrec.recorder.record;

import dev.camrec.contract.clock.CameraClockOffset;
import dev.camrec.contract.clock.CameraClockOffset.KeyClock;
import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.layout.SegmentKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Which clock one FFmpeg run's keys are on, decided once per run so that its keys abut exactly.
 *
 * <p>The camera's time of the run's media offset 0 comes from the first finished segment the camera
 * dated ({@link SegmentCameraTime}). The first report arrives 1–6 s after PLAY, so a short first
 * segment may end before it: it is held back (left unkeyed in the spool's incoming directory) until
 * the second segment finishes, so that it gets the camera's anchor too; if the second is undated as
 * well, or the run ends first, the run is keyed on the recorder's clock. Only one segment is ever
 * held, so that what awaits upload stays where the spool accounts for it. The offset keeps being
 * measured on every segment, so drift shows, but a run never changes its anchor: the next run
 * (after a reconnect) decides again.
 *
 * <p>FFmpeg re-times a stream with several tracks at the first report, by how far the camera's
 * audio and video reports disagree (tens of ms). Keys are made from media offsets after that, so
 * the starts of the segments up to the one the first report arrived in are off by that much; all
 * later keys are on the camera's clock within a few ms.
 */
final class RunClock {

  private static final Logger LOG = Logger.getLogger(RunClock.class.getName());

  /** A finished segment and its key. */
  record Keyed(SegmentListLine line, SegmentKey key) {}

  private final ClockSetting setting;
  private final Duration tolerance;
  private final RunAnchor recorderAnchor;
  private final String namespace;
  private final String camera;
  private final List<SegmentListLine> held = new ArrayList<>();
  private Instant recorderZero;
  private Instant cameraZero;
  private Instant keysZero;
  private KeyClock keys = KeyClock.RECORDER;

  RunClock(
      ClockSetting setting,
      Duration tolerance,
      RunAnchor recorderAnchor,
      String namespace,
      String camera) {
    this.setting = setting;
    this.tolerance = tolerance;
    this.recorderAnchor = recorderAnchor;
    this.namespace = namespace;
    this.camera = camera;
  }

  /**
   * Takes a finished segment and, when the camera dated it, the camera's time of its first frame.
   * Returns the segments whose keys are now known, oldest first: none while the first is held.
   */
  synchronized List<Keyed> finished(
      SegmentListLine line, Instant finishedAt, Optional<Instant> cameraStart) {
    recorderZero = recorderAnchor.freeze(line, finishedAt);
    cameraStart.ifPresent(
        c -> cameraZero = c.minus(SegmentCameraTime.seconds(line.startSeconds())));
    held.add(line);
    if (keysZero == null
        && cameraZero == null
        && setting != ClockSetting.RECORDER
        && held.size() < 2) {
      return List.of();
    }
    return release();
  }

  /** The run ended: a held segment gets its key now, on the recorder's clock if still undated. */
  synchronized List<Keyed> ended() {
    return held.isEmpty() ? List.of() : release();
  }

  /** What the run knows of the camera's clock; empty while the run's clock is undecided. */
  synchronized Optional<CameraClockOffset> offset() {
    if (keysZero == null) {
      return Optional.empty();
    }
    Optional<Duration> offset =
        Optional.ofNullable(cameraZero).map(c -> Duration.between(recorderZero, c));
    return Optional.of(new CameraClockOffset(offset, keys));
  }

  private List<Keyed> release() {
    if (keysZero == null) {
      boolean onCamera =
          cameraZero != null
              && switch (setting) {
                case CAMERA -> true;
                case RECORDER -> false;
                case AUTO ->
                    Duration.between(recorderZero, cameraZero).abs().compareTo(tolerance) <= 0;
              };
      keys = onCamera ? KeyClock.CAMERA : KeyClock.RECORDER;
      keysZero = onCamera ? cameraZero : recorderZero;
      LOG.info(
          "this run's keys are on the "
              + keys.name().toLowerCase(Locale.ROOT)
              + "'s clock ("
              + setting.envValue()
              + "); "
              + (cameraZero == null
                  ? "the camera sent no RTCP sender report"
                  : "the camera's clock is " + aheadOrBehind(cameraZero) + " the recorder's"));
    }
    List<Keyed> keyed = new ArrayList<>();
    for (SegmentListLine line : held) {
      keyed.add(new Keyed(line, recorderAnchor.keyOn(line, keysZero, namespace, camera)));
    }
    held.clear();
    return keyed;
  }

  private String aheadOrBehind(Instant cameraZero) {
    Duration offset = Duration.between(recorderZero, cameraZero);
    return offset.isNegative()
        ? -offset.toMillis() + " ms behind"
        : offset.toMillis() + " ms ahead of";
  }
}
