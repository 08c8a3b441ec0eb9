package dev.camrec.recorder.clip;

import dev.camrec.contract.layout.RecordingGaps.Gap;
import dev.camrec.contract.store.ListingFailed;
import dev.camrec.contract.store.SegmentListing;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoredSegment;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.contract.termination.TimeSpan;
import dev.camrec.recorder.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Cuts one clip: lists the camera's segments that overlap the range (keys only), checks that they
 * can be joined, has FFmpeg cut them into one MP4 and stores it with a verified multipart upload
 * while FFmpeg writes it ({@link ClipUpload}). Every outcome is a {@link ClipResult}; nothing is
 * stored unless the whole clip is.
 */
public final class Clipper {

  private static final Logger LOG = Logger.getLogger(Clipper.class.getName());

  /**
   * A segment may have started this long before the clip's start and still overlap it: the longest
   * segment a Camera can have (spec.recording.segmentSeconds at most 3600).
   */
  static final Duration LONGEST_SEGMENT = Duration.ofHours(1);

  /**
   * Room kept free in the work directory beyond the clip's estimated size: the estimate is the
   * segments' bytes for the share they give, the clip has its own moov and some container overhead.
   */
  static final double DISK_MARGIN = 1.05;

  private final ClipConfig config;

  public Clipper(ClipConfig config) {
    this.config = config;
  }

  public ClipResult run() {
    try (StoreConnection store =
        StoreConnection.open(config.store(), dev.camrec.contract.store.StoreTimeouts.TRANSFER)) {
      return run(store);
    }
  }

  private ClipResult run(StoreConnection store) {
    long started = System.nanoTime();
    SegmentReader reader = new SegmentReader(store);
    Map<StoredSegment, KeyframeProbe.FirstKeyframe> keyframes = new HashMap<>();
    ClipPlan plan;
    try {
      List<StoredSegment> listed = list(store);
      Map<StoredSegment, Optional<Duration>> leadIns = new HashMap<>();
      KeyframeProbe probe = new KeyframeProbe(config.ffprobe());
      for (StoredSegment s : ClipPlan.runStarts(listed, config.start(), config.end())) {
        Optional<KeyframeProbe.FirstKeyframe> k = probe.find(reader.presignedUrl(s));
        k.ifPresent(found -> keyframes.put(s, found));
        leadIns.put(s, k.map(KeyframeProbe.FirstKeyframe::leadIn));
      }
      plan = ClipPlan.of(listed, config.start(), config.end(), leadIns);
    } catch (ListingFailed | IOException e) {
      return ClipResult.failed(ClipResult.STORAGE_FAILED, e.getMessage(), List.of());
    }
    List<TimeSpan> gaps = plan.gaps().stream().map(Clipper::span).toList();
    if (plan.isEmpty()) {
      return ClipResult.failed(
          ClipResult.NO_RECORDINGS,
          "No recording of camera "
              + config.camera()
              + " overlaps "
              + rfc3339(config.start())
              + " to "
              + rfc3339(config.end())
              + "; check the camera's status and the time range (UTC unless an offset is given).",
          List.of());
    }
    if (!gaps.isEmpty() && config.onGap() == ClipConfig.OnGap.FAIL) {
      return ClipResult.failed(
          ClipResult.RECORDING_GAPS,
          "Recordings are missing inside the range and onGap is Fail: "
              + String.join(", ", gaps.stream().map(g -> g.start() + " to " + g.end()).toList())
              + ". Use onGap: Concatenate to join what exists.",
          gaps);
    }
    Path dir = null;
    long planned = System.nanoTime();
    try {
      Optional<String> change =
          codecChange(reader, plan.parts().stream().map(ClipPlan.Part::segment).toList());
      if (change.isPresent()) {
        return ClipResult.failed(ClipResult.CODEC_PARAMETERS_CHANGED, change.get(), gaps);
      }
      Files.createDirectories(config.workDir());
      long moovReserve =
          MoovReserve.bytes(
              plan.stop().minus(plan.seek()),
              MoovReserve.packetRate(
                  config.ffprobe(), reader.presignedUrl(plan.parts().get(0).segment())));
      // Local copies of the segments (inputs=copy) take as much room again.
      int copies = config.inputs() == ClipConfig.Inputs.COPY ? 2 : 1;
      long needed = (long) (plan.estimatedBytes() * DISK_MARGIN) * copies + moovReserve;
      long free = Files.getFileStore(config.workDir()).getUsableSpace();
      if (config.workDirLimit().isPresent()) {
        free = Math.min(free, config.workDirLimit().getAsLong());
      }
      if (needed > free) {
        return tooLarge(needed, free, gaps);
      }
      dir = Files.createTempDirectory(config.workDir(), "clip-");
      Path output = dir.resolve("clip.mp4");
      Path script = dir.resolve("segments.ffconcat");
      Files.writeString(script, ConcatScript.of(inputs(reader, plan, keyframes, dir)));
      long checked = System.nanoTime();
      ClipCut.Running cut =
          ClipCut.start(
              ClipCut.commandLine(config.ffmpeg(), script, plan, moovReserve, output),
              new Redaction(List.of(config.store().secretKey())));
      long size;
      try {
        size = new ClipUpload(store, config.objectKey()).upload(output, moovReserve, cut);
      } catch (ClipCut.Failed e) {
        return ClipResult.failed(ClipResult.CUT_FAILED, e.getMessage(), gaps);
      } finally {
        cut.stop();
      }
      LOG.info(
          String.format(
              java.util.Locale.ROOT,
              "clip timing: list and plan %.1f s, checks and inputs %.1f s, cut and upload %.1f s",
              (planned - started) / 1e9,
              (checked - planned) / 1e9,
              (System.nanoTime() - checked) / 1e9));
      LOG.info(
          "clip stored: "
              + config.objectKey()
              + ", "
              + size
              + " bytes from "
              + plan.parts().size()
              + " segments, "
              + gaps.size()
              + " gaps");
      return new ClipResult(
          true,
          ClipResult.CLIP_STORED,
          message(plan),
          config.objectKey(),
          size,
          rfc3339(plan.actualStart()),
          rfc3339(plan.actualEnd()),
          gaps,
          0);
    } catch (IOException e) {
      return ClipResult.failed(ClipResult.STORAGE_FAILED, e.getMessage(), gaps);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The camera's segments that may overlap the range, by day or hour prefix. */
  private List<StoredSegment> list(StoreConnection store) {
    SegmentListing listing = new SegmentListing(store, config.namespace(), config.camera());
    List<StoredSegment> listed = new ArrayList<>();
    listing
        .startedInPrefixes(
            config.start().minus(LONGEST_SEGMENT),
            config.end(),
            SegmentListing.spanFor(config.segment()),
            Optional.empty())
        .forEach(listed::add);
    return listed;
  }

  /**
   * Where the stream changes in a way one MP4 track cannot hold: empty when every segment has the
   * same signature (segments whose moov cannot be read are not judged: FFmpeg will say).
   */
  private static Optional<String> codecChange(SegmentReader reader, List<StoredSegment> segments)
      throws IOException {
    List<Optional<StreamSignature>> signatures = reader.signatures(segments);
    StreamSignature first = null;
    for (int i = 0; i < segments.size(); i++) {
      Optional<StreamSignature> s = signatures.get(i);
      if (s.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = s.get();
      } else if (!first.equals(s.get())) {
        String at = rfc3339(segments.get(i).key().start());
        return Optional.of(
            "The camera's stream changed at "
                + at
                + " from "
                + first.describe()
                + " to "
                + s.get().describe()
                + (first.describe().equals(s.get().describe()) ? " (other encoder parameters)" : "")
                + "; one MP4 cannot hold both without re-encoding. Request one clip ending at "
                + at
                + " and one starting there.");
      }
    }
    return Optional.empty();
  }

  private List<ConcatScript.Input> inputs(
      SegmentReader reader,
      ClipPlan plan,
      Map<StoredSegment, KeyframeProbe.FirstKeyframe> keyframes,
      Path dir)
      throws IOException {
    List<ConcatScript.Input> inputs = new ArrayList<>();
    for (ClipPlan.Part part : plan.parts()) {
      StoredSegment s = part.segment();
      String location =
          config.inputs() == ClipConfig.Inputs.COPY
              ? reader.copy(s, dir).toString()
              : reader.presignedUrl(s);
      Optional<Double> inpoint =
          ClipPlan.positive(part.leadIn()) ? Optional.of(keyframes.get(s).pts()) : Optional.empty();
      inputs.add(new ConcatScript.Input(location, part.duration(), inpoint));
    }
    return inputs;
  }

  private ClipResult tooLarge(long needed, long free, List<TimeSpan> gaps) {
    return ClipResult.failed(
        ClipResult.CLIP_TOO_LARGE,
        "The clip needs about "
            + needed / (1024 * 1024)
            + " MiB in the clip Job's work directory, which has "
            + free / (1024 * 1024)
            + " MiB free. Request shorter clips.",
        gaps);
  }

  private static String message(ClipPlan plan) {
    Duration length = Duration.between(plan.actualStart(), plan.actualEnd());
    Duration missing = plan.gaps().stream().map(Gap::length).reduce(Duration.ZERO, Duration::plus);
    return "Clip of "
        + length.toSeconds()
        + " s stored"
        + (plan.gaps().isEmpty()
            ? "."
            : "; "
                + plan.gaps().size()
                + " gaps ("
                + missing.toSeconds()
                + " s) joined over, listed in status.gaps.");
  }

  private static TimeSpan span(Gap gap) {
    return new TimeSpan(rfc3339(gap.from()), rfc3339(gap.to()));
  }

  static String rfc3339(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warning("could not clean up " + dir + ": " + e.getMessage());
    }
  }
}
