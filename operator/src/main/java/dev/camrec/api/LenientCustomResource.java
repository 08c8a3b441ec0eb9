package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;
import java.util.Optional;

/**
 * A custom resource of ours whose spec and status are read leniently, so that one object an API
 * server without our schema stored with the wrong JSON types never fails the informer's list or
 * watch for all objects of its kind ({@link UnreadableSpec}). An unreadable spec leaves {@link
 * #getSpec()} null and {@link #unreadableSpec()} naming the field; a status of the wrong shape is
 * dropped, as the operator writes it anew.
 */
public abstract class LenientCustomResource<S, T> extends CustomResource<S, T> {

  @JsonIgnore private final SpecAsRead<S> specAsRead;
  @JsonIgnore private final Class<T> statusType;

  protected LenientCustomResource(Class<S> specType, Class<T> statusType) {
    this.specAsRead = new SpecAsRead<>(specType);
    this.statusType = statusType;
  }

  @JsonSetter("spec")
  void readSpec(JsonNode raw) {
    setSpec(specAsRead.read(raw));
  }

  @JsonSetter("status")
  void readStatus(JsonNode raw) {
    setStatus(UnreadableSpec.read(raw, statusType).spec());
  }

  // getSpec() is null then, so omitted; @JsonIgnore keeps this out of the CRD's schema, and
  // Jackson writes an any-getter all the same.
  @JsonIgnore
  @JsonAnyGetter
  Map<String, JsonNode> unreadableSpecAsRead() {
    return specAsRead.asWritten();
  }

  /** Why the spec stored in the API server could not be read; empty when it was. */
  public Optional<UnreadableSpec> unreadableSpec() {
    return specAsRead.problem();
  }
}
