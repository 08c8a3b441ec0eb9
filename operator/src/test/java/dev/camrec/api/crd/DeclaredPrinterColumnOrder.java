package dev.camrec.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts each CRD version's printer columns in the order its class declares its
 * {@code @AdditionalPrinterColumn}s, which is the order {@code kubectl get} shows. fabric8's
 * generator keys them by JSON path and so sorts them alphabetically
 * (fabric8io/kubernetes-client#3974), which put AGE first.
 */
final class DeclaredPrinterColumnOrder implements CRDPostProcessor {

  private final Map<String, Class<? extends HasMetadata>> classByCrdVersion;

  DeclaredPrinterColumnOrder(Collection<Class<? extends HasMetadata>> customResources) {
    classByCrdVersion =
        customResources.stream()
            .collect(
                Collectors.toMap(
                    c -> key(HasMetadata.getFullResourceName(c), HasMetadata.getVersion(c)),
                    Function.identity()));
  }

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    String crdName = crd.getMetadata().getName();
    for (CustomResourceDefinitionVersion version :
        ((CustomResourceDefinition) crd).getSpec().getVersions()) {
      Class<? extends HasMetadata> type = classByCrdVersion.get(key(crdName, version.getName()));
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      if (type != null && columns != null) {
        version.setAdditionalPrinterColumns(inDeclaredOrder(type, columns));
      }
    }
    return crd;
  }

  private static List<CustomResourceColumnDefinition> inDeclaredOrder(
      Class<?> type, List<CustomResourceColumnDefinition> columns) {
    List<String> declaredPaths =
        Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::jsonPath)
            .toList();
    for (CustomResourceColumnDefinition column : columns) {
      // A field-level @PrinterColumn has no place in the declared order; keep them all on the
      // class.
      if (!declaredPaths.contains(column.getJsonPath())) {
        throw new IllegalStateException(
            type.getName()
                + " has printer column "
                + column.getName()
                + " ("
                + column.getJsonPath()
                + ") that is not a class-level @AdditionalPrinterColumn; declare it on the class so"
                + " its position is explicit");
      }
    }
    List<CustomResourceColumnDefinition> ordered = new ArrayList<>(columns);
    ordered.sort(Comparator.comparingInt(column -> declaredPaths.indexOf(column.getJsonPath())));
    return ordered;
  }

  private static String key(String crdName, String version) {
    return crdName + "/" + version;
  }
}
