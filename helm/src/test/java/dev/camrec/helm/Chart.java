package dev.camrec.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chart under test, rendered by real Helm (helm-java) as {@code helm template} would. */
final class Chart {

  static final Path DIR = Path.of(System.getProperty("camrec.chart"));
  static final String RELEASE = "camrec";
  static final String NAMESPACE = "camrec";

  /** Helm's default for template is 1.20; the kubectl these machines have is 1.32. */
  static final String KUBE_VERSION = "1.32.0";

  /** The two values the README's install command sets: without them the chart refuses. */
  static final Map<String, String> INSTALL_COMMAND_VALUES =
      Map.of(
          "storage.endpoint",
          "http://minio.storage:9000",
          "storage.existingSecret",
          "camrec-storage");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Chart() {}

  /** {@code helm template camrec helm/camrec -n camrec --set k=v ...}, parsed. */
  static Rendered template(Map<String, String> values) {
    return new Rendered(render(NAMESPACE, values, null));
  }

  static Rendered template(String namespace, Map<String, String> values) {
    return new Rendered(render(namespace, values, null));
  }

  /** {@code helm template ... -f valuesFile}: the output, or Helm's error as an exception. */
  static String render(Map<String, String> values, Path valuesFile) {
    return render(NAMESPACE, values, valuesFile);
  }

  static String render(String namespace, Map<String, String> values, Path valuesFile) {
    TemplateCommand template =
        new Helm(DIR)
            .template()
            .withName(RELEASE)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION);
    values.forEach(template::set);
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    return template.call();
  }

  /** The install command's values, watching only {@code namespaces}. */
  static Rendered watching(String... namespaces) {
    Map<String, String> values = new java.util.HashMap<>(INSTALL_COMMAND_VALUES);
    for (int i = 0; i < namespaces.length; i++) {
      values.put("watchNamespaces[" + i + "]", namespaces[i]);
    }
    return template(values);
  }

  static Map<String, String> installCommandValuesAnd(Map<String, String> more) {
    var all = new java.util.HashMap<>(INSTALL_COMMAND_VALUES);
    all.putAll(more);
    return all;
  }

  /** The objects {@code helm template} printed. */
  record Rendered(String yaml) {

    List<HasMetadata> objects() {
      Object parsed = SERIALIZATION.unmarshal(yaml);
      List<HasMetadata> objects = new ArrayList<>();
      if (parsed instanceof List<?> list) {
        list.stream()
            .filter(HasMetadata.class::isInstance)
            .map(HasMetadata.class::cast)
            .forEach(objects::add);
      } else if (parsed instanceof HasMetadata one) {
        objects.add(one);
      }
      return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects().stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
      List<T> found = all(type);
      if (found.size() != 1) {
        throw new AssertionError("expected one " + type.getSimpleName() + ", got " + found.size());
      }
      return found.get(0);
    }

    Optional<HasMetadata> kind(String kind) {
      return objects().stream().filter(o -> kind.equals(o.getKind())).findFirst();
    }
  }
}
