package org.massageadvisor.facts;

/** A self-care tip code from the vocabulary and its message. */
public record Tip(String code, String message) {
}
