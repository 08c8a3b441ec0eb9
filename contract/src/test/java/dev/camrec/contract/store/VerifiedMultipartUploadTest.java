package dev.camrec.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camrec.testbed.s3.EmbeddedS3;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedMultipartUploadTest {

  static final String BUCKET = "clips";
  static final int PART = (int) VerifiedMultipartUpload.MIN_PART_BYTES;

  @TempDir Path dir;
  EmbeddedS3 s3;
  StoreConnection store;
  Path file;

  @BeforeEach
  void start() throws IOException {
    s3 = EmbeddedS3.start(dir.resolve("s3"));
    s3.createBucket(BUCKET);
    store =
        StoreConnection.open(
            new StoreSettings(
                s3.endpoint().toString(), "us-east-1", BUCKET, s3.accessKey(), s3.secretKey()),
            StoreTimeouts.TRANSFER);
    byte[] bytes = new byte[2 * PART + 12345];
    new Random(7).nextBytes(bytes);
    file = Files.write(dir.resolve("clip.mp4"), bytes);
  }

  @AfterEach
  void stop() {
    store.close();
    s3.close();
  }

  @Test
  void partsSentInAnyOrderBecomeTheFileByteForByte() throws Exception {
    VerifiedMultipartUpload upload =
        VerifiedMultipartUpload.start(store, "clips/ns/a.mp4", VerifiedUpload.MP4);
    upload.put(3, new FileRegion(file, 2L * PART, 12345));
    upload.put(2, new FileRegion(file, PART, PART));
    upload.put(1, new FileRegion(file, 0, PART));

    assertThat(upload.complete()).isEqualTo(Files.size(file));

    try (InputStream in =
        store
            .client()
            .getObject(GetObjectArgs.builder().bucket(BUCKET).object("clips/ns/a.mp4").build())) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
    }
    assertThat(
            store
                .client()
                .statObject(
                    StatObjectArgs.builder().bucket(BUCKET).object("clips/ns/a.mp4").build())
                .contentType())
        .isEqualTo("video/mp4");
  }

  @Test
  void aHoleInThePartsFailsAndAnAbortedUploadLeavesNothing() throws Exception {
    VerifiedMultipartUpload upload =
        VerifiedMultipartUpload.start(store, "clips/ns/b.mp4", VerifiedUpload.MP4);
    upload.put(1, new FileRegion(file, 0, PART));
    upload.put(3, new FileRegion(file, 2L * PART, 12345));

    assertThatThrownBy(upload::complete).hasMessageContaining("hole");
    assertThat(s3.unfinishedUploads(BUCKET)).containsExactly("clips/ns/b.mp4");
    upload.abort();

    assertThat(store.client().listObjects(ListObjectsArgs.builder().bucket(BUCKET).build()))
        .isEmpty();
    assertThat(s3.unfinishedUploads(BUCKET)).as("unfinished multipart uploads").isEmpty();
  }

  @Test
  void aRegionBeyondTheFilesEndIsNeverSent() throws Exception {
    VerifiedMultipartUpload upload =
        VerifiedMultipartUpload.start(store, "clips/ns/c.mp4", VerifiedUpload.MP4);

    assertThatThrownBy(() -> upload.put(1, new FileRegion(file, 2L * PART, PART)))
        .hasMessageContaining("ended before");
    upload.abort();
  }
}
