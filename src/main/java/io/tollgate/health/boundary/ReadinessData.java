package io.tollgate.health.boundary;

import java.util.Map;

/**
 * What a feature adds to the readiness check's data (how its background work keeps up); the check
 * finds every bean of this type, so it depends on no feature. A contribution never makes a node
 * unready: values are booleans, numbers or text.
 */
public interface ReadinessData {

    /** The data to add, by key; the keys of all contributions are distinct. */
    Map<String, Object> readinessData();
}
