package org.massageadvisor.scenario;

/** An expected number: exactly a value, or at least and/or at most one. */
public record Bound(Integer exactly, Integer atLeast, Integer atMost) {

    public boolean accepts(int value) {
        return (exactly == null || value == exactly)
                && (atLeast == null || value >= atLeast)
                && (atMost == null || value <= atMost);
    }

    @Override
    public String toString() {
        if (exactly != null) {
            return Integer.toString(exactly);
        }
        if (atLeast != null && atMost != null) {
            return "between " + atLeast + " and " + atMost;
        }
        return atLeast != null ? "at least " + atLeast : "at most " + atMost;
    }
}
