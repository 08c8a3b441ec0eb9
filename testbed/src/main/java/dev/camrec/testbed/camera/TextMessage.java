package dev.camrec.testbed.camera;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A request of a text protocol (RTSP, HTTP): start line, headers, optional body. */
record TextMessage(String method, String uri, Map<String, String> headers, byte[] body) {

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Reads one request; the first byte of the start line may already have been consumed. */
  static TextMessage read(InputStream in, int firstByte) throws IOException {
    String startLine = (firstByte < 0 ? "" : String.valueOf((char) firstByte)) + readLine(in);
    String[] parts = startLine.split(" ");
    if (parts.length < 2) {
      throw new IOException("malformed request line");
    }
    Map<String, String> headers = new TreeMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    String length = headers.get("content-length");
    byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    return new TextMessage(parts[0], parts[1], headers, body);
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException();
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
