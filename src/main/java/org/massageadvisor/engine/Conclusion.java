package org.massageadvisor.engine;

/** A fact a rule inserted that was still in working memory when the rules settled. */
public record Conclusion(String rule, Object fact) {
}
