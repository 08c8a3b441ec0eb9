package dev.camrec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed crds/ must be exactly what the API classes generate. */
class CrdsUpToDateTest {

  private static final String HOW_TO_FIX =
      "crds/ is out of date with the API classes in dev.camrec.api; regenerate it with `./mvnw -B"
          + " -q -pl operator -am process-classes -Pupdate-crds`, delete files there that are no"
          + " longer generated, and commit the result";

  @Test
  void committedCrdsAreTheGeneratedOnes() throws IOException {
    Path generated = GeneratedCrds.directory();
    Path committed = Path.of(System.getProperty("camrec.crds.committed"));

    assertThat(fileNames(committed)).as(HOW_TO_FIX).isEqualTo(fileNames(generated));
    for (String name : fileNames(generated)) {
      assertThat(Files.readString(committed.resolve(name)))
          .as(HOW_TO_FIX + " (" + name + " differs)")
          .isEqualTo(Files.readString(generated.resolve(name)));
    }
  }

  @Test
  void oneCrdPerKind() throws IOException {
    assertThat(fileNames(GeneratedCrds.directory()))
        .containsExactly(
            "cameras.camrec.dev-v1.yml",
            "cliprequests.camrec.dev-v1.yml",
            "retentionpolicies.camrec.dev-v1.yml");
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
