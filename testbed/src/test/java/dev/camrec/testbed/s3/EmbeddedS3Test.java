package dev.camrec.testbed.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {
  @TempDir Path data;

  @Test
  void minioClientCanPutListStatGetAndDelete() throws Exception {
    byte[] content = "a finished segment".getBytes(StandardCharsets.UTF_8);
    try (EmbeddedS3 s3 = EmbeddedS3.start(data);
        MinioClient minio = client(s3)) {
      s3.createBucket("recordings");

      put(minio, "recordings/ns/cam/a.mp4", content);

      assertThat(keys(minio, "recordings/ns/")).containsExactly("recordings/ns/cam/a.mp4");
      StatObjectResponse stat =
          minio.statObject(
              StatObjectArgs.builder()
                  .bucket("recordings")
                  .object("recordings/ns/cam/a.mp4")
                  .build());
      assertThat(stat.size()).isEqualTo(content.length);
      assertThat(stat.etag()).isEqualTo(md5Hex(content));
      try (InputStream in =
          minio.getObject(
              GetObjectArgs.builder()
                  .bucket("recordings")
                  .object("recordings/ns/cam/a.mp4")
                  .build())) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }

      minio.removeObject(
          RemoveObjectArgs.builder()
              .bucket("recordings")
              .object("recordings/ns/cam/a.mp4")
              .build());
      assertThat(keys(minio, "recordings/")).isEmpty();
    }
  }

  @Test
  void rejectsWrongCredentials() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(data);
        MinioClient wrong =
            MinioClient.builder()
                .endpoint(s3.endpoint().toString())
                .region("us-east-1")
                .credentials(s3.accessKey(), "not-the-secret")
                .build()) {
      s3.createBucket("recordings");
      assertThatThrownBy(() -> put(wrong, "x", new byte[] {1}))
          .isInstanceOfSatisfying(
              ErrorResponseException.class,
              e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
    }
  }

  @Test
  void aPutCutOffByStopIsGoneAfterRestartLikeInARealStore() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(data);
        MinioClient minio = client(s3)) {
      s3.createBucket("recordings");
      put(minio, "recordings/ns/cam/a.mp4", new byte[] {1});
      // What s3proxy leaves when stopped while it writes the body of recordings/ns/cam/b.mp4.
      Files.write(
          data.resolve("recordings/recordings/ns/cam/b.mp4-0f8fad5b-d9cb-469f-a165-70867728950e"),
          new byte[] {2});
      assertThat(keys(minio, "recordings/ns/"))
          .hasSize(2)
          .filteredOn(EmbeddedS3::isUnfinishedPut)
          .singleElement()
          .asString()
          .startsWith("recordings/ns/cam/b.mp4-");

      s3.stop();
      s3.restart();

      assertThat(keys(minio, "recordings/ns/")).containsExactly("recordings/ns/cam/a.mp4");
    }
  }

  @Test
  void stopClosesThePortAndRestartKeepsPortAndData() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(data);
        MinioClient minio = client(s3)) {
      s3.createBucket("recordings");
      put(minio, "kept.mp4", new byte[] {1, 2, 3});
      int port = s3.endpoint().getPort();

      s3.stop();
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(ConnectException.class);

      s3.restart();
      assertThat(s3.endpoint().getPort()).isEqualTo(port);
      assertThat(keys(minio, "")).containsExactly("kept.mp4");
    }
  }

  private static MinioClient client(EmbeddedS3 s3) {
    return MinioClient.builder()
        .endpoint(s3.endpoint().toString())
        .region("us-east-1")
        .credentials(s3.accessKey(), s3.secretKey())
        .build();
  }

  private static void put(MinioClient minio, String key, byte[] content) throws Exception {
    minio.putObject(
        PutObjectArgs.builder().bucket("recordings").object(key).stream(
                new ByteArrayInputStream(content), content.length, -1)
            .contentType("video/mp4")
            .build());
  }

  private static List<String> keys(MinioClient minio, String prefix) throws Exception {
    List<String> keys = new ArrayList<>();
    for (Result<Item> r :
        minio.listObjects(
            ListObjectsArgs.builder()
                .bucket("recordings")
                .prefix(prefix)
                .recursive(true)
                .build())) {
      keys.add(r.get().objectName());
    }
    return keys;
  }

  private static String md5Hex(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
  }
}
