package dev.leadbridge.core;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An unmodifiable, ordered map of plain JSON-like values that are themselves already deeply unmodifiable: what
 * {@link JsonValues} builds. {@link JsonValues#freezeMap} takes it as it is instead of copying it again (the
 * {@code Lead}, {@code NewLead} and {@code Reference} constructors freeze every map they are given, most of them
 * straight from {@code JsonValues}). Behaves exactly as {@link Collections#unmodifiableMap} of the map it was made
 * from, to which every method is delegated.
 */
final class FrozenMap extends AbstractMap<String, Object> {

    private final Map<String, Object> view;

    /** Takes ownership of {@code map}, whose values must already be frozen; no one else may keep it. */
    FrozenMap(LinkedHashMap<String, Object> map) {
        this.view = Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return view.entrySet();
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public boolean isEmpty() {
        return view.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return view.containsValue(value);
    }

    @Override
    public Object get(Object key) {
        return view.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return view.getOrDefault(key, defaultValue);
    }

    @Override
    public Set<String> keySet() {
        return view.keySet();
    }

    @Override
    public Collection<Object> values() {
        return view.values();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        view.forEach(action);
    }

    @Override
    public Object put(String key, Object value) {
        return view.put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return view.remove(key);
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        view.putAll(m);
    }

    @Override
    public void clear() {
        view.clear();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        view.replaceAll(function);
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        return view.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return view.remove(key, value);
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        return view.replace(key, oldValue, newValue);
    }

    @Override
    public Object replace(String key, Object value) {
        return view.replace(key, value);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mappingFunction) {
        return view.computeIfAbsent(key, mappingFunction);
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        return view.computeIfPresent(key, remappingFunction);
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        return view.compute(key, remappingFunction);
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remappingFunction) {
        return view.merge(key, value, remappingFunction);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || view.equals(o);
    }

    @Override
    public int hashCode() {
        return view.hashCode();
    }

    @Override
    public String toString() {
        return view.toString();
    }
}
