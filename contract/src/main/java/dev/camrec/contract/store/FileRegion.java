package dev.camrec.contract.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;

/**
 * Bytes {@code [offset, offset + length)} of a file: hashed, and sent as a request body, each
 * streamed through a 64 KiB buffer, so a part of any size costs no heap.
 */
public record FileRegion(Path file, long offset, long length) {

  private static final int BUFFER = 64 * 1024;

  /** Its MD5, for Content-MD5. */
  public byte[] md5() throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JRE", e);
    }
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long pos = offset;
      long end = offset + length;
      while (pos < end) {
        buf.clear().limit((int) Math.min(BUFFER, end - pos));
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new IOException(file + " ended before byte " + end);
        }
        digest.update(buf.array(), 0, n);
        pos += n;
      }
    }
    return digest.digest();
  }

  RequestBody body(MediaType type) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return type;
      }

      @Override
      public long contentLength() {
        return length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          ch.position(offset);
          sink.write(Okio.source(Channels.newInputStream(ch)), length);
        }
      }
    };
  }
}
