package io.meshward.policy.builtins.cache;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe cache of immutable compiled artefacts (patterns, globs, schemas) with a size bound.
 * When full, an arbitrary entry is dropped: policies tend to use a small fixed set of patterns, so
 * a simple bound that stops unbounded growth from dynamic patterns is enough.
 *
 * @param <K> the key, usually the pattern text
 * @param <V> the compiled value, which must be immutable and safe to share between threads
 */
public final class BoundedCache<K, V> {

  /** Compiles a value; may fail with a checked exception, which is then not cached. */
  @FunctionalInterface
  public interface Compiler<K, V, E extends Exception> {
    V compile(K key) throws E;
  }

  private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
  private final int maxSize;

  public BoundedCache(int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
    }
    this.maxSize = maxSize;
  }

  /** The cached value for {@code key}, compiling and caching it when absent. */
  public <E extends Exception> V get(K key, Compiler<K, V, E> compiler) throws E {
    V value = entries.get(key);
    if (value != null) {
      return value;
    }
    value = compiler.compile(key);
    while (entries.size() >= maxSize) {
      Iterator<K> it = entries.keySet().iterator();
      if (!it.hasNext()) {
        break;
      }
      entries.remove(it.next());
    }
    V raced = entries.putIfAbsent(key, value);
    return raced != null ? raced : value;
  }

  /** How many entries are cached now. */
  public int size() {
    return entries.size();
  }
}
