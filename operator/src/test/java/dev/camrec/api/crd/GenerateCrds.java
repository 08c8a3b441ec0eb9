package dev.camrec.api.crd;

import io.fabric8.crd.generator.collector.CustomResourceCollector;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the CRDs of the custom resource classes in a classes directory, with their printer columns
 * in declaration order. The build runs it; it lives in test sources so the operator jar stays free
 * of the generator.
 *
 * <p>Arguments: the directory of compiled API classes, the directory to write the CRDs to.
 */
public final class GenerateCrds {

  private GenerateCrds() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: GenerateCrds <classes dir> <output dir>");
    }
    List<Class<? extends HasMetadata>> customResources =
        new CustomResourceCollector()
            .withParentClassLoader(GenerateCrds.class.getClassLoader())
            .withFileToScan(new File(args[0]))
            .findCustomResourceClasses();
    Path outputDir = Files.createDirectories(Path.of(args[1]));
    new CRDGenerator()
        .customResourceClasses(customResources)
        .withPostProcessor(new DeclaredPrinterColumnOrder(customResources))
        // One thread: exec:java runs this inside Maven's JVM, where stray pool threads linger.
        .withParallelGenerationEnabled(false)
        .inOutputDir(outputDir.toFile())
        .detailedGenerate();
  }
}
