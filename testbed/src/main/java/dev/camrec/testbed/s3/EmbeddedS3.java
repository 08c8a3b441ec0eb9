package dev.camrec.testbed.s3;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
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
  private static final Pattern UNFINISHED_PUT =
      Pattern.compile(
          ".+-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

  private final Path dataDir;
  private final CountingBlobStore blobStore;
  private int port;
  private S3Proxy proxy;

  private EmbeddedS3(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create S3 data directory " + dataDir, e);
    }
    this.dataDir = dataDir;
    this.blobStore =
        new CountingBlobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()));
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

  /**
   * The requests served since start, by operation ({@code headBucket}, {@code list}, {@code
   * getBlob}, {@code putBlob}, ...); objects put directly are not requests.
   */
  public Map<String, Long> requestsServed() {
    return blobStore.served();
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

  /**
   * Whether a listed key is not an object but s3proxy's temp file of a PUT in progress: it writes
   * each body to a sibling {@code <key>-<uuid>} and renames it when complete, and its listings show
   * that file meanwhile. A real store never lists an unfinished PUT.
   */
  public static boolean isUnfinishedPut(String key) {
    return UNFINISHED_PUT.matcher(key).matches();
  }

  /**
   * Starts again on the same port with the same data; a no-op when already running. Like a real
   * store after a crash, it keeps no trace of a PUT that a stop cut off ({@link #isUnfinishedPut}).
   */
  public synchronized void restart() {
    if (proxy != null) {
      return;
    }
    deleteUnfinishedPuts();
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

  private void deleteUnfinishedPuts() {
    if (!Files.isDirectory(dataDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(f -> isUnfinishedPut(f.getFileName().toString())).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + dataDir, e);
    }
  }

  public void createBucket(String name) {
    blobStore.createContainer(name);
  }

  /** Keys of the multipart uploads begun in the bucket and neither completed nor aborted. */
  public List<String> unfinishedUploads(String bucket) {
    return blobStore.listMultipartUploads(bucket).stream()
        .map(software.amazon.awssdk.services.s3.model.MultipartUpload::key)
        .toList();
  }

  /**
   * Stores empty objects under these keys by writing the blob store's files directly: thousands a
   * second where PUTs manage dozens, for tests that need a bucket with days of keys to list.
   */
  public void putEmptyObjectsDirectly(String bucket, Iterable<String> keys) throws IOException {
    putZeroFilledObjectsDirectly(bucket, keys, 0);
  }

  /**
   * Stores objects of {@code size} zero bytes under these keys, written directly like {@link
   * #putEmptyObjectsDirectly} (sparse files: a gigabyte costs no disk), for tests that count bytes.
   */
  public void putZeroFilledObjectsDirectly(String bucket, Iterable<String> keys, long size)
      throws IOException {
    byte[] md5 = zeroFilledMd5(size);
    for (String key : keys) {
      Path file = dataDir.resolve(bucket).resolve(key);
      Files.createDirectories(file.getParent());
      Files.createFile(file);
      if (size > 0) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
          f.setLength(size);
        }
      }
      // What the blob store itself records with a PUT, so listings show ETag and type.
      UserDefinedFileAttributeView metadata =
          Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
      metadata.write("user.content-md5", ByteBuffer.wrap(md5));
      metadata.write(
          "user.content-type", StandardCharsets.US_ASCII.encode("application/octet-stream"));
      metadata.write("user.storage-tier", StandardCharsets.US_ASCII.encode("STANDARD"));
    }
  }

  private static byte[] zeroFilledMd5(long size) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
    byte[] zeros = new byte[64 * 1024];
    for (long left = size; left > 0; left -= zeros.length) {
      md5.update(zeros, 0, (int) Math.min(left, zeros.length));
    }
    return md5.digest();
  }

  @Override
  public void close() {
    stop();
  }
}
