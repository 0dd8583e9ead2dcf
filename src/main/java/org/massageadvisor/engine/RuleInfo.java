package org.massageadvisor.engine;

import java.util.Map;

/**
 * What the rule base knows of one rule: where it is written and its metadata ({@code @source},
 * {@code @description}, ...), keyed by the annotation's simple lower-case name.
 */
public record RuleInfo(String name, String file, int line, Map<String, String> metadata) {

    public RuleInfo {
        metadata = Map.copyOf(metadata);
    }

    public String source() {
        return metadata.get("source");
    }

    public String description() {
        return metadata.get("description");
    }
}
