package org.massageadvisor.client;

import java.util.Map;

/**
 * One vocabulary entry. {@code intense} matters for massage types only; {@code indicator}
 * ({@code info}, {@code warning}, {@code critical}) for warning codes only, and {@code bySubject}
 * overrides it for some subjects (a blood clot's CONSULT_DOCTOR is critical, a herniated disc's a warning).
 */
public record Term(Category category, String name, String description, boolean intense, String indicator,
        Map<String, String> bySubject) {

    public Term {
        bySubject = bySubject == null ? Map.of() : Map.copyOf(bySubject);
    }

    public Term(Category category, String name, String description, boolean intense, String indicator) {
        this(category, name, description, intense, indicator, Map.of());
    }

    /** The indicator of this warning code for one subject (null subject: the code's own indicator). */
    public String indicator(String subject) {
        String specific = subject == null ? null : bySubject.get(subject);
        return specific != null ? specific : indicator;
    }
}
