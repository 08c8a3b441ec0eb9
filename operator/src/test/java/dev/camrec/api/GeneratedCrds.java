package dev.camrec.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The CRDs this build generated from the API classes (surefire passes their directory). */
final class GeneratedCrds {

  private GeneratedCrds() {}

  static Path directory() {
    String dir = System.getProperty("camrec.crds.generated");
    if (dir == null) {
      throw new IllegalStateException(
          "system property camrec.crds.generated is not set; run the tests through Maven");
    }
    return Path.of(dir);
  }

  static CustomResourceDefinition forKind(String kind) {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .map(GeneratedCrds::read)
          .filter(crd -> crd.getSpec().getNames().getKind().equals(kind))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no generated CRD for kind " + kind));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CustomResourceDefinition read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
