package dev.camrec.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code kubectl get cameras -A} shows, read the way kubectl reads it (the server's Table), so
 * the console shows the same columns without needing kubectl on PATH.
 */
final class CameraTable {

  private final URI api;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  CameraTable(URI api) {
    this.api = api;
  }

  /** Rows of cells, the header first; namespace first as with -A. */
  List<List<String>> rows() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(api.resolve("/apis/camrec.dev/v1alpha1/cameras"))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode table = json.readTree(response.body());
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("NAMESPACE"));
    table.path("columnDefinitions").forEach(c -> header.add(c.path("name").asText().toUpperCase()));
    rows.add(header);
    for (JsonNode row : table.path("rows")) {
      List<String> cells =
          new ArrayList<>(List.of(row.path("object").path("metadata").path("namespace").asText()));
      row.path("cells").forEach(c -> cells.add(c.isNull() ? "" : c.asText()));
      rows.add(cells);
    }
    return rows;
  }

  String render() throws IOException, InterruptedException {
    List<List<String>> rows = rows();
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() && i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() && i < widths.length; i++) {
        out.append(String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }
}
