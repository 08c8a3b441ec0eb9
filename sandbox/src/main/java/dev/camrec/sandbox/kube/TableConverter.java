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

/**
 * Turns an object or a list into the meta.k8s.io/v1 Table that {@code kubectl get} prints: the Name
 * column, then a CRD's additionalPrinterColumns (or Age when it declares none), as the API server's
 * custom resource table convertor does.
 */
final class TableConverter {

  private record Column(String name, String type, String description, int priority, SimpleJsonPath path) {}

  private final ObjectMapper json;
  private final Clock clock;

  TableConverter(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /**
   * @param body a single object or a list (with items) as the storage returned it
   * @param printerColumns the CRD version's additionalPrinterColumns, or a missing node for built-ins
   */
  ObjectNode toTable(JsonNode body, JsonNode printerColumns) {
    List<Column> columns = columns(printerColumns);
    ObjectNode table = json.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (body.path("metadata").has("resourceVersion")) {
      metadata.put("resourceVersion", body.path("metadata").path("resourceVersion").asText());
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions.addObject()
        .put("name", "Name").put("type", "string").put("format", "name")
        .put("description", "Name must be unique within a namespace.").put("priority", 0);
    for (Column column : columns) {
      definitions.addObject()
          .put("name", column.name()).put("type", column.type()).put("format", "")
          .put("description", column.description()).put("priority", column.priority());
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
        cells.add(cell(column, column.path().evaluate(object)));
      }
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return table;
  }

  private List<Column> columns(JsonNode printerColumns) {
    List<Column> columns = new ArrayList<>();
    if (printerColumns == null || !printerColumns.isArray() || printerColumns.isEmpty()) {
      columns.add(new Column("Age", "date", "", 0, SimpleJsonPath.parse(".metadata.creationTimestamp")));
      return columns;
    }
    for (JsonNode c : printerColumns) {
      columns.add(new Column(
          c.path("name").asText(),
          c.path("type").asText("string"),
          c.path("description").asText(""),
          c.path("priority").asInt(0),
          SimpleJsonPath.parse(c.path("jsonPath").asText())));
    }
    return columns;
  }

  private JsonNode cell(Column column, List<JsonNode> results) {
    if (results.isEmpty() || results.get(0).isNull() || results.get(0).isMissingNode()) {
      return json.nullNode();
    }
    JsonNode value = results.get(0);
    switch (column.type()) {
      case "date":
        try {
          Instant when = Instant.parse(value.asText());
          return json.getNodeFactory().textNode(HumanDuration.of(Duration.between(when, clock.instant())));
        } catch (DateTimeParseException e) {
          return json.nullNode();
        }
      case "integer":
      case "number":
      case "boolean":
        return value.isValueNode() ? value : json.nullNode();
      default:
        return json.getNodeFactory().textNode(value.isValueNode() ? value.asText() : value.toString());
    }
  }
}
