package dev.camrec.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns an object or a list into the meta.k8s.io/v1 Table that {@code kubectl get} prints: the Name
 * column, then a CRD's additionalPrinterColumns (or Age when it declares none), as the API server's
 * custom resource table convertor does.
 */
final class TableConverter {

  private record Column(
      String name,
      String type,
      String description,
      int priority,
      Function<JsonNode, JsonNode> cell) {}

  private final ObjectMapper json;
  private final Clock clock;

  TableConverter(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /**
   * @param body a single object or a list (with items) as the storage returned it
   * @param printerColumns the CRD version's additionalPrinterColumns, or a missing node for
   *     built-ins
   */
  ObjectNode toTable(JsonNode body, JsonNode printerColumns, String plural) {
    List<Column> columns = columns(printerColumns, plural);
    ObjectNode table = json.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (body.path("metadata").has("resourceVersion")) {
      metadata.put("resourceVersion", body.path("metadata").path("resourceVersion").asText());
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("description", "Name must be unique within a namespace.")
        .put("priority", 0);
    for (Column column : columns) {
      definitions
          .addObject()
          .put("name", column.name())
          .put("type", column.type())
          .put("format", "")
          .put("description", column.description())
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> objects = new ArrayList<>();
    if (body.has("items")) {
      body.get("items").forEach(objects::add);
    } else {
      objects.add(body);
    }
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      for (Column column : columns) {
        cells.add(column.cell().apply(object));
      }
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return table;
  }

  private List<Column> columns(JsonNode printerColumns, String plural) {
    List<Column> columns = new ArrayList<>();
    if (printerColumns != null && printerColumns.isArray() && !printerColumns.isEmpty()) {
      for (JsonNode c : printerColumns) {
        String type = c.path("type").asText("string");
        SimpleJsonPath path = SimpleJsonPath.parse(c.path("jsonPath").asText());
        columns.add(
            new Column(
                c.path("name").asText(),
                type,
                c.path("description").asText(""),
                c.path("priority").asInt(0),
                object -> cell(type, path.evaluate(object))));
      }
      return columns;
    }
    // The columns kubectl users know from a real cluster for the kinds the sandbox runs.
    if (plural.equals("pods")) {
      columns.add(
          text(
              "Ready",
              pod ->
                  pod.path("status").path("containerStatuses").findValues("ready").stream()
                          .filter(JsonNode::asBoolean)
                          .count()
                      + "/"
                      + pod.path("spec").path("containers").size()));
      columns.add(text("Status", TableConverter::podStatus));
      columns.add(
          new Column(
              "Restarts",
              "integer",
              "",
              0,
              pod ->
                  json.getNodeFactory()
                      .numberNode(
                          pod
                              .path("status")
                              .path("containerStatuses")
                              .findValues("restartCount")
                              .stream()
                              .mapToInt(JsonNode::asInt)
                              .sum())));
    } else if (plural.equals("deployments")) {
      columns.add(
          text(
              "Ready",
              d ->
                  d.path("status").path("readyReplicas").asInt(0)
                      + "/"
                      + d.path("spec").path("replicas").asInt(1)));
      columns.add(
          new Column(
              "Up-to-date",
              "integer",
              "",
              0,
              d ->
                  json.getNodeFactory()
                      .numberNode(d.path("status").path("updatedReplicas").asInt(0))));
      columns.add(
          new Column(
              "Available",
              "integer",
              "",
              0,
              d ->
                  json.getNodeFactory()
                      .numberNode(d.path("status").path("availableReplicas").asInt(0))));
    }
    SimpleJsonPath created = SimpleJsonPath.parse(".metadata.creationTimestamp");
    columns.add(new Column("Age", "date", "", 0, object -> cell("date", created.evaluate(object))));
    return columns;
  }

  private Column text(String name, Function<JsonNode, String> value) {
    return new Column(
        name, "string", "", 0, object -> json.getNodeFactory().textNode(value.apply(object)));
  }

  /**
   * Waiting or terminated reason of the first container that has one, else the phase, as kubectl
   * shows it.
   */
  private static String podStatus(JsonNode pod) {
    for (JsonNode container : pod.path("status").path("containerStatuses")) {
      for (String state : List.of("waiting", "terminated")) {
        String reason = container.path("state").path(state).path("reason").asText("");
        if (!reason.isEmpty()) {
          return reason;
        }
      }
    }
    return pod.path("status").path("phase").asText("Pending");
  }

  private JsonNode cell(String type, List<JsonNode> results) {
    if (results.isEmpty() || results.get(0).isNull() || results.get(0).isMissingNode()) {
      return json.nullNode();
    }
    JsonNode value = results.get(0);
    switch (type) {
      case "date":
        try {
          Instant when = Instant.parse(value.asText());
          return json.getNodeFactory()
              .textNode(HumanDuration.of(Duration.between(when, clock.instant())));
        } catch (DateTimeParseException e) {
          return json.nullNode();
        }
      case "integer":
      case "number":
      case "boolean":
        return value.isValueNode() ? value : json.nullNode();
      default:
        return json.getNodeFactory()
            .textNode(value.isValueNode() ? value.asText() : value.toString());
    }
  }
}
