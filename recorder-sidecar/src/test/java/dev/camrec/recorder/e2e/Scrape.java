package dev.camrec.recorder.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the recorder's HTTP endpoints like Prometheus and the kubelet do. */
final class Scrape {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Scrape() {}

  static String metrics(int port) throws Exception {
    return get(port, "/metrics").body();
  }

  static int status(int port, String path) throws Exception {
    return get(port, path).statusCode();
  }

  /** Value of an unlabelled sample, e.g. {@code camrec_segments_stored_total}. */
  static double value(String metrics, String name) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no sample " + name + " in\n" + metrics));
  }

  static double value(int port, String name) {
    try {
      return value(metrics(port), name);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      return Double.NaN; // recorder not listening (yet)
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
