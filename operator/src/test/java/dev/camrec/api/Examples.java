package dev.camrec.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The manifests in k8s-examples/, one JSON tree per YAML document. */
final class Examples {

  private static final YAMLMapper YAML = new YAMLMapper();

  private Examples() {}

  static Path directory() {
    return Path.of(System.getProperty("camrec.examples"));
  }

  static List<Path> files() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> documents(Path file) {
    try {
      return YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh copy of the one document of this kind in the file, for a test to change. */
  static ObjectNode document(String fileName, String kind) {
    return documents(directory().resolve(fileName)).stream()
        .filter(doc -> kind.equals(doc.path("kind").asText()))
        .map(doc -> (ObjectNode) doc.deepCopy())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + kind + " in " + fileName));
  }

  static String toYaml(JsonNode document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
