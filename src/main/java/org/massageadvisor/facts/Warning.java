package org.massageadvisor.facts;

/** A warning code from the vocabulary, what it is about (a condition, say, or null) and its message. */
public record Warning(String code, String subject, String message) {
}
