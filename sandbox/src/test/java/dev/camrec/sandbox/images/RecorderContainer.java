package dev.camrec.sandbox.images;

import dev.camrec.contract.env.CommonEnv;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.env.StoreEnv;
import dev.camrec.testbed.s3.EmbeddedS3;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The recorder image run as the operator's pod runs it: the image's user, read-only root
 * filesystem, the spool and /tmp as the only writable places, command {@code recorder-sidecar
 * record}, configuration and credentials in the environment; host network, HTTP on 127.0.0.1.
 */
record RecorderContainer(String name, int httpPort) {

  static RecorderContainer start(
      String name,
      String image,
      URI camera,
      EmbeddedS3 s3,
      String bucket,
      String namespace,
      String cameraName,
      int segmentSeconds,
      Path spool,
      int httpPort)
      throws IOException {
    // The pod's spool volume: an emptyDir the pod's fsGroup can write.
    Files.createDirectories(spool);
    Files.setAttribute(spool, "unix:uid", ImagesSmoke.POD_UID);
    Files.setAttribute(spool, "unix:gid", ImagesSmoke.POD_UID);
    // Credentials by name only: podman takes their values from its environment, not argv.
    Podman.startLikeAPod(
        name,
        Map.of(
            StoreEnv.S3_ACCESS_KEY, s3.accessKey(),
            StoreEnv.S3_SECRET_KEY, s3.secretKey()),
        "--volume",
        spool + ":/spool",
        // The pod's command; its args follow the image name.
        "--entrypoint",
        "[\"recorder-sidecar\",\"record\"]",
        "--env",
        RecordEnv.SOURCE_URL + "=" + camera,
        "--env",
        RecordEnv.SEGMENT_SECONDS + "=" + segmentSeconds,
        "--env",
        StoreEnv.S3_ENDPOINT + "=" + s3.endpoint(),
        "--env",
        StoreEnv.S3_BUCKET + "=" + bucket,
        "--env",
        StoreEnv.S3_ACCESS_KEY,
        "--env",
        StoreEnv.S3_SECRET_KEY,
        "--env",
        CommonEnv.NAMESPACE + "=" + namespace,
        "--env",
        CommonEnv.CAMERA + "=" + cameraName,
        "--env",
        RecordEnv.HTTP_PORT + "=" + httpPort,
        image,
        "--http-address",
        "127.0.0.1");
    return new RecorderContainer(name, httpPort);
  }

  /** The container's first process: the recorder's JVM (the launcher script execs java). */
  long pid() {
    return Long.parseLong(Podman.inspect(name, "{{.State.Pid}}"));
  }
}
