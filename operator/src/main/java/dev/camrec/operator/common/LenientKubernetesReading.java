package dev.camrec.operator.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.util.ClassUtil;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads Kubernetes objects the way an informer must: a field of the wrong JSON type (a Secret value
 * that is an object, a Pod's containers given as a string) is read as absent instead of failing the
 * whole list or watch, which would blind the operator to every other object of that kind and, at
 * startup, end it. An API server checks core objects, so only a server that does not (the
 * sandbox's, a test server) stores such objects; what the operator then lacks (a Secret key, a
 * container status) it reports on the Camera as it does for a missing one. Our own kinds are read
 * leniently with the field named ({@link dev.camrec.api.UnreadableSpec}); this is the net under the
 * rest.
 */
@Singleton
public class LenientKubernetesReading implements KubernetesClientObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    apply(mapper);
  }

  /** Adds the lenient reading to {@code mapper}. */
  public static ObjectMapper apply(ObjectMapper mapper) {
    return mapper.addHandler(new WrongTypeAsAbsent());
  }

  private static final class WrongTypeAsAbsent extends DeserializationProblemHandler {

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt,
        JavaType targetType,
        JsonToken token,
        JsonParser p,
        String failureMsg)
        throws IOException {
      // Leave the parser on the value's last token, as the deserializer would have.
      p.skipChildren();
      return absent(targetType.getRawClass());
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
      return absent(targetType);
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
      return absent(targetType);
    }

    private static Object absent(Class<?> type) {
      return type.isPrimitive() ? ClassUtil.defaultValue(type) : null;
    }
  }
}
