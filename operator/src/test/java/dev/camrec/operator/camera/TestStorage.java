package dev.camrec.operator.camera;

import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server for the operator tests: s3proxy on a filesystem store, 127.0.0.1 only. Stand-in
 * with the shape of testbed's EmbeddedS3 until that lands on this branch.
 */
final class TestStorage implements AutoCloseable {
  private static final String ACCESS_KEY = "camrec-test";
  private static final String SECRET_KEY = "camrec-test-secret";

  private final S3Proxy proxy;

  private TestStorage(S3Proxy proxy) {
    this.proxy = proxy;
  }

  static TestStorage start(Path dataDir) throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(dataDir.toString()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    return new TestStorage(proxy);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  String accessKey() {
    return ACCESS_KEY;
  }

  String secretKey() {
    return SECRET_KEY;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
