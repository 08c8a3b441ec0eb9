package dev.camrec.sandbox.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.crud.Value;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mock's CRUD store, finding an object by its name instead of by a scan of every stored object.
 * The mock looks up the object a create, update or patch names by testing each stored object's
 * attributes in turn, under one lock on one thread: at 10,000 Cameras (and their Deployments and
 * pods) each write scans some 30,000 objects and the API server, not the operator, sets the pace.
 * Here its store (a protected map it builds itself) is swapped for one that also indexes the stored
 * objects by name; every store write goes through that map's put and remove, so a name not in the
 * index is not stored. Reads other than those lookups (lists, gets, watches) still scan.
 */
final class NameIndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private static final String NAME = "name";

  private final NameIndexedStore store = new NameIndexedStore();

  NameIndexedCrudDispatcher() {
    super(List.of());
    try {
      Field map = CrudDispatcher.class.getDeclaredField("map");
      map.setAccessible(true);
      map.set(this, Collections.synchronizedMap(store));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the fabric8 mock's store is not where it was", e);
    }
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Attribute name = query.getAttribute(NAME);
    if (name == null || name.getValues().size() != 1) {
      return super.findResource(query);
    }
    synchronized (map) {
      for (AttributeSet stored : store.named(name.getValues().get(0))) {
        String json = map.get(stored);
        if (json != null && stored.matches(query)) {
          return new AbstractMap.SimpleImmutableEntry<>(stored, json);
        }
      }
      return null;
    }
  }

  /** The stored objects, and the keys of those that bear each name. */
  private static final class NameIndexedStore extends LinkedHashMap<AttributeSet, String> {

    private final Map<Value, Set<AttributeSet>> byName = new HashMap<>();

    Set<AttributeSet> named(Value name) {
      return byName.getOrDefault(name, Set.of());
    }

    @Override
    public String put(AttributeSet key, String value) {
      Attribute name = key.getAttribute(NAME);
      if (name != null) {
        name.getValues()
            .forEach(v -> byName.computeIfAbsent(v, n -> new LinkedHashSet<>()).add(key));
      }
      return super.put(key, value);
    }

    @Override
    public String remove(Object key) {
      if (key instanceof AttributeSet attributes && attributes.getAttribute(NAME) != null) {
        for (Value v : attributes.getAttribute(NAME).getValues()) {
          Set<AttributeSet> keys = byName.get(v);
          if (keys != null && keys.remove(attributes) && keys.isEmpty()) {
            byName.remove(v);
          }
        }
      }
      return super.remove(key);
    }

    @Override
    public void clear() {
      byName.clear();
      super.clear();
    }
  }
}
