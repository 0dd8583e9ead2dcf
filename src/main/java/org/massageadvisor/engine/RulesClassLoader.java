package org.massageadvisor.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * The class loader the rules are compiled and run with: it resolves only an allowlist of classes, so
 * that code the {@link RuleAllowlist} would have missed fails to compile or to link. Allowed: the
 * client and fact types, java.lang value types and exceptions, collections, {@code java.math}, and the
 * Drools and MVEL runtime the generated code calls. Refused, among everything else: {@code Runtime},
 * {@code System}, {@code Thread}, {@code ProcessBuilder}, {@code Class}, {@code ClassLoader}, reflection,
 * {@code java.io} (but {@code Serializable}), {@code java.nio}, {@code java.net}.
 */
final class RulesClassLoader extends ClassLoader {

    private static final Set<String> JAVA_LANG = Set.of("Object", "String", "StringBuilder", "CharSequence", "Comparable",
            "Iterable", "Number", "Class", "Integer", "Long", "Short", "Byte", "Double", "Float", "Boolean", "Character", "Math",
            "StrictMath", "Enum", "Record", "Void", "Cloneable", "AutoCloseable", "Override", "Deprecated", "SuppressWarnings",
            "SafeVarargs", "FunctionalInterface", "Throwable", "Exception", "RuntimeException", "Error",
            "IllegalArgumentException", "IllegalStateException", "NullPointerException", "ClassCastException",
            "ArithmeticException", "IndexOutOfBoundsException", "ArrayIndexOutOfBoundsException",
            "UnsupportedOperationException", "CloneNotSupportedException", "NumberFormatException", "LinkageError",
            "NoClassDefFoundError", "ClassNotFoundException", "ReflectiveOperationException", "InterruptedException");
    private static final Set<String> JAVA_UTIL_REFUSED = Set.of("Timer", "TimerTask", "ServiceLoader", "Scanner",
            "ResourceBundle", "PropertyResourceBundle", "Properties", "Formatter");
    private static final Set<String> OTHER = Set.of("java.lang.constant.Constable", "java.lang.constant.ConstantDesc", "java.io.Serializable", "java.io.Externalizable", "java.math.BigDecimal",
            "java.math.BigInteger", "java.math.RoundingMode", "java.math.MathContext");
    private static final String[] PACKAGES = {"org.massageadvisor.client.", ConclusionTypes.PACKAGE + ".", "org.drools.", "org.kie.",
        "org.mvel2.", "java.util.function.", "java.lang.annotation.",
        // The JVM's own reflection accessors for rule classes link to these; rule code cannot (the package is not exported).
        "jdk.internal.reflect."};

    RulesClassLoader(ClassLoader parent) {
        super(parent);
    }

    /** Whether the rules may link to the class of that binary name. */
    static boolean allowed(String name) {
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        String simple = name.substring(dot + 1);
        if (pkg.equals("java.lang")) {
            return JAVA_LANG.contains(simple);
        }
        if (pkg.equals("java.util")) {
            int nested = simple.indexOf('$');
            return !JAVA_UTIL_REFUSED.contains(nested < 0 ? simple : simple.substring(0, nested));
        }
        if (OTHER.contains(name)) {
            return true;
        }
        // Concurrent collections (no executors, locks or threads): compiled packages read back from the cache hold them.
        if (name.startsWith("java.util.concurrent.ConcurrentHashMap") || name.startsWith("java.util.concurrent.CopyOnWriteArray")
                || name.startsWith("java.util.concurrent.atomic.Atomic")) {
            return true;
        }
        for (String p : PACKAGES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!allowed(name)) {
            throw new ClassNotFoundException(name + " (not among the classes rules may use)");
        }
        return super.loadClass(name, resolve);
    }

    /** The compiler reads class files as resources: a refused class is not there either. */
    @Override
    public URL getResource(String name) {
        return refusedClassFile(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return refusedClassFile(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return refusedClassFile(name) ? null : super.getResourceAsStream(name);
    }

    private static boolean refusedClassFile(String name) {
        if (!name.endsWith(".class")) {
            return false;
        }
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        return !allowed(className);
    }
}
