package dev.camrec.helm;

import dev.camrec.operator.common.CamrecConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's settings, read from {@link CamrecConfig} itself: each leaf method is a key ({@code
 * recorder().imagePullPolicy()} is {@code camrec.recorder.image-pull-policy}), so the chart is held
 * to the interface as it is, whatever it gains or loses.
 */
final class OperatorConfigKeys {

  private OperatorConfigKeys() {}

  /** Every {@code camrec.*} key, e.g. {@code camrec.storage.endpoint}. */
  static Set<String> keys() {
    String prefix = CamrecConfig.class.getAnnotation(ConfigMapping.class).prefix();
    Set<String> keys = new TreeSet<>();
    collect(CamrecConfig.class, prefix, keys);
    return keys;
  }

  /** The environment variable names Quarkus maps to those keys, e.g. CAMREC_STORAGE_ENDPOINT. */
  static Set<String> envNames() {
    Set<String> names = new TreeSet<>();
    keys().forEach(k -> names.add(envName(k)));
    return names;
  }

  /** Quarkus' rule: upper case, every character other than a letter or digit becomes '_'. */
  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private static void collect(Class<?> type, String path, Set<String> keys) {
    Arrays.stream(type.getMethods())
        .filter(m -> m.getParameterCount() == 0)
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isDefault())
        .forEach(
            m -> {
              String key = path + "." + kebab(m);
              Class<?> returned = m.getReturnType();
              // A group of settings (an interface of ours), or one setting.
              if (returned.isInterface() && returned.getPackageName().startsWith("dev.camrec")) {
                collect(returned, key, keys);
              } else {
                keys.add(key);
              }
            });
  }

  private static String kebab(Method m) {
    WithName named = m.getAnnotation(WithName.class);
    if (named != null) {
      return named.value();
    }
    return m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
