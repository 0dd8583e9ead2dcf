package org.massageadvisor.workbench;

import java.util.Map;

/** One rule as the workbench lists it: its name and its metadata (@source, @concern...). */
public record RuleView(String name, Map<String, String> metadata) {

    public RuleView {
        metadata = Map.copyOf(metadata);
    }
}
