package dev.camrec.recorder.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.layout.RecorderReportKey;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What landed in the bucket, read the way a user (or the clip job) would read it. */
final class Stored implements AutoCloseable {

  private final MinioClient client;
  private final String bucket;
  private final Path ffprobe;

  Stored(URI endpoint, String accessKey, String secretKey, String bucket, Path ffprobe) {
    this.client =
        MinioClient.builder()
            .endpoint(endpoint.toString())
            .credentials(accessKey, secretKey)
            .build();
    this.bucket = bucket;
    this.ffprobe = ffprobe;
  }

  /** Segment keys of one camera, in time order. */
  List<SegmentKey> segments(String namespace, String camera) throws Exception {
    List<SegmentKey> keys = new ArrayList<>();
    for (Result<Item> r :
        client.listObjects(
            ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(SegmentKey.cameraPrefix(namespace, camera))
                .recursive(true)
                .build())) {
      String name = r.get().objectName();
      if (EmbeddedS3.isUnfinishedPut(name)) {
        continue; // an upload in flight, not yet an object (an s3proxy artefact)
      }
      keys.add(
          SegmentKey.parse(name)
              .orElseThrow(() -> new AssertionError("not a segment key: " + name)));
    }
    keys.sort(Comparator.comparing(SegmentKey::start));
    return keys;
  }

  /** The recorder's report on the camera, if it wrote one. */
  Optional<RecorderReport> report(String namespace, String camera) throws Exception {
    String key = new RecorderReportKey(namespace, camera).objectKey();
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return RecorderReport.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (ErrorResponseException e) {
      return Optional.empty();
    }
  }

  Path download(SegmentKey key, Path dir) throws Exception {
    Path file = dir.resolve(key.fileName());
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key.objectKey()).build())) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /** Decodes every video frame of the stored object; fails on any decoding error. */
  void assertDecodes(SegmentKey key, Path dir) throws Exception {
    String frames =
        ffprobe(
            key,
            dir,
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=nb_read_frames");
    assertThat(frames).as("frames decoded from %s", key.fileName()).matches("[1-9]\\d*");
  }

  /** The sample entry name of the stored object's video, e.g. {@code avc1} or {@code hvc1}. */
  String videoTag(SegmentKey key, Path dir) throws Exception {
    return ffprobe(key, dir, "-select_streams", "v:0", "-show_entries", "stream=codec_tag_string");
  }

  /** The codec of each stream of the stored object, in stream order, as ffprobe names them. */
  List<String> codecs(SegmentKey key, Path dir) throws Exception {
    return ffprobe(key, dir, "-show_entries", "stream=codec_name").lines().toList();
  }

  /** ffprobe's CSV answer about the stored object; fails when ffprobe cannot read it. */
  private String ffprobe(SegmentKey key, Path dir, String... query) throws Exception {
    Path file = download(key, dir);
    List<String> cmd = new ArrayList<>(List.of(ffprobe.toString(), "-v", "error"));
    cmd.addAll(List.of(query));
    cmd.addAll(List.of("-of", "csv=p=0", file.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("ffprobe exit for %s: %s", key.fileName(), out).isZero();
    Files.delete(file);
    return out;
  }

  /** Consecutive segments abut: each starts where the previous ended, within 100 ms. */
  static void assertContiguous(List<SegmentKey> keys) {
    for (int i = 1; i < keys.size(); i++) {
      Duration offset = Duration.between(keys.get(i - 1).end(), keys.get(i).start()).abs();
      assertThat(offset)
          .as("between %s and %s", keys.get(i - 1).fileName(), keys.get(i).fileName())
          .isLessThanOrEqualTo(Duration.ofMillis(100));
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
  }
}
