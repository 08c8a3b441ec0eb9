package dev.camrec.recorder.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.contract.store.StoreTimeouts;
import dev.camrec.recorder.Redaction;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clip's upload against s3proxy, with a shell writing the file in FFmpeg's place: parts go up
 * while it writes, and a writer that fails leaves nothing in the store, not even an unfinished
 * multipart upload.
 */
class ClipUploadTest {

  static final String BUCKET = "clips";

  /** Past two parts: the head (reserved room + one part) and at least one part sent early. */
  static final long BYTES = 3 * ClipUpload.PART_BYTES + 12345;

  @TempDir Path dir;
  EmbeddedS3 s3;
  StoreConnection store;

  @BeforeEach
  void start() {
    s3 = EmbeddedS3.start(dir.resolve("s3"));
    s3.createBucket(BUCKET);
    store =
        StoreConnection.open(
            new StoreSettings(
                s3.endpoint().toString(), "us-east-1", BUCKET, s3.accessKey(), s3.secretKey()),
            StoreTimeouts.TRANSFER);
  }

  @AfterEach
  void stop() {
    store.close();
    s3.close();
  }

  @Test
  void aFileWrittenWhileItUploadsIsStoredByteForByte() throws Exception {
    Path file = dir.resolve("clip.mp4");

    long stored =
        new ClipUpload(store, "clips/ns/ok.mp4").upload(file, 1024, writer(file, BYTES, 0));

    assertThat(stored).isEqualTo(BYTES).isEqualTo(Files.size(file));
    try (InputStream in =
        store
            .client()
            .getObject(GetObjectArgs.builder().bucket(BUCKET).object("clips/ns/ok.mp4").build())) {
      assertThat(md5(in.readAllBytes())).isEqualTo(md5(Files.readAllBytes(file)));
    }
  }

  @Test
  void aWriterThatFailsLeavesNoObjectAndNoUnfinishedUpload() throws Exception {
    Path file = dir.resolve("broken.mp4");

    assertThatThrownBy(
            () ->
                new ClipUpload(store, "clips/ns/broken.mp4")
                    .upload(file, 1024, writer(file, BYTES, 1)))
        .isInstanceOf(ClipCut.Failed.class)
        .hasMessageContaining("exited with 1");

    assertThat(store.client().listObjects(ListObjectsArgs.builder().bucket(BUCKET).build()))
        .isEmpty();
    assertThat(s3.unfinishedUploads(BUCKET)).as("unfinished multipart uploads").isEmpty();
  }

  /** A shell appending random bytes in 1 MiB writes, as FFmpeg appends, then exiting so. */
  static ClipCut.Running writer(Path file, long bytes, int exit) throws Exception {
    String script =
        "head -c "
            + bytes
            + " /dev/urandom | dd of='"
            + file
            + "' bs=1M iflag=fullblock status=none; exit "
            + exit;
    return ClipCut.start(List.of("sh", "-c", script), new Redaction(List.of()));
  }

  static byte[] md5(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("MD5").digest(bytes);
  }
}
