package org.massageadvisor.engine;

import org.massageadvisor.facts.Conclusions;
import org.massageadvisor.facts.MassageType;

/**
 * Which classes a rule may conclude with: every record of the {@code facts} package except the input
 * facts the engine itself inserts. A new conclusion record added there is allowed without a change here.
 */
final class ConclusionTypes {

    static final String PACKAGE = Conclusions.class.getPackageName();

    private ConclusionTypes() {
    }

    /**
     * Each class's answer, worked out once: {@link Class#isRecord} is a native call the JIT does not
     * inline, and every conclusion a rule draws is checked.
     */
    private static final ClassValue<Boolean> CONCLUSION = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isConclusionType(type);
        }
    };

    static boolean isConclusion(Object value) {
        return value != null && CONCLUSION.get(value.getClass());
    }

    static boolean isConclusionType(Class<?> type) {
        return type.isRecord() && type.getPackageName().equals(PACKAGE) && type != MassageType.class;
    }

    /** The conclusion type of that simple name, or null. */
    static Class<?> bySimpleName(String name) {
        try {
            Class<?> type = Class.forName(PACKAGE + "." + name, false, ConclusionTypes.class.getClassLoader());
            return isConclusionType(type) ? type : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
