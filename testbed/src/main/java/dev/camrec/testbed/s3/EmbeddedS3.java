package dev.camrec.testbed.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server in-process (s3proxy with a filesystem blob store) on 127.0.0.1, with AWS
 * signature v4 and fixed test credentials. stop()/restart() keep the port and the data, so tests
 * can take the store down and bring it back.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final String ACCESS_KEY = "camrec-test-access";
  private static final String SECRET_KEY = "camrec-test-secret-key";
  private static final String HOST = "127.0.0.1";

  private final BlobStore blobStore;
  private int port;
  private S3Proxy proxy;

  private EmbeddedS3(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create S3 data directory " + dataDir, e);
    }
    this.blobStore = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
    this.port = port;
  }

  /** Starts on 127.0.0.1 on a free port. */
  public static EmbeddedS3 start(Path dataDir) {
    return start(dataDir, 0);
  }

  /** Starts on 127.0.0.1 on the given port (0 picks a free one, kept across restarts). */
  public static EmbeddedS3 start(Path dataDir, int port) {
    EmbeddedS3 s3 = new EmbeddedS3(dataDir, port);
    s3.restart();
    return s3;
  }

  public URI endpoint() {
    return URI.create("http://" + HOST + ":" + port);
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  public synchronized boolean isRunning() {
    return proxy != null;
  }

  /** Closes the port, as if the store went down; the data stays. */
  public synchronized void stop() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop", e);
    } finally {
      proxy = null;
    }
  }

  /** Starts again on the same port with the same data; a no-op when already running. */
  public synchronized void restart() {
    if (proxy != null) {
      return;
    }
    S3Proxy started =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://" + HOST + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
            // A test that stops the store wants the port closed now, not after a drain period.
            .stopTimeout(0)
            .build();
    try {
      started.start();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start on " + HOST + ":" + port, e);
    }
    port = started.getPort();
    proxy = started;
  }

  public void createBucket(String name) {
    blobStore.createContainer(name);
  }

  @Override
  public void close() {
    stop();
  }
}
