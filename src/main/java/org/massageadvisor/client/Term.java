package org.massageadvisor.client;

/**
 * One vocabulary entry. {@code intense} matters for massage types only; {@code indicator}
 * ({@code info}, {@code warning}, {@code critical}) for warning codes only.
 */
public record Term(Category category, String name, String description, boolean intense, String indicator) {
}
