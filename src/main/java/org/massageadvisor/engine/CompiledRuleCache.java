package org.massageadvisor.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.drools.base.RuleBase;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.massageadvisor.audit.ProgramVersion;

/**
 * A disk cache of compiled rule bases, so that a command started with an unchanged rules folder
 * skips the DRL compile (parsing, the Java compile of every consequence). What is kept is what the
 * classic build produced: the compiled packages (rules, with the bytecode of their consequences) and
 * the classes of DRL-declared types, serialised the way Drools serialises packages, and where each rule
 * is declared (file and line, a decision table's row), so that a hit reads no DRL and converts no table.
 *
 * <p>An entry is written only after its rule set passed the consequence allowlist and compiled, so a
 * hit skips that check as well: the entry's key covers every byte of the rule files and the program
 * build that checked them. Classes read from an entry still link through the allowlist class loader.
 *
 * <p>An entry is keyed by the rule set's content hash, the program build and the Drools and Java
 * versions, so any change to the rules or the program misses. Each file starts with a SHA-256 of the
 * bytes after it; a file whose digest does not match is ignored and rebuilt, and deserialisation only
 * accepts Drools, MVEL, JDK and project classes. Writes go to a temporary file moved into place, so two
 * processes starting at once never see half an entry.
 *
 * <p>The cache is on only when the {@code advisor.cache} system property names a folder (the launcher
 * {@code bin/advisor} sets it); a plain {@code java -jar} compiles every time.
 */
final class CompiledRuleCache {

    /** The system property naming the cache folder. */
    static final String PROPERTY = "advisor.cache";

    private static final byte[] MAGIC = "massage-advisor compiled rules 2\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;
    /** Only these packages may be deserialised from a cache file. */
    private static final List<String> ALLOWED = List.of("java.", "[", "org.drools.", "org.kie.", "org.mvel2.",
            "org.massageadvisor.");

    private final Path dir;

    private CompiledRuleCache(Path dir) {
        this.dir = dir;
    }

    /** The cache named by the system property, or null when caching is off. */
    static CompiledRuleCache fromSystemProperty() {
        String dir = System.getProperty(PROPERTY);
        return dir == null || dir.isBlank() ? null : new CompiledRuleCache(Path.of(dir));
    }

    static CompiledRuleCache at(Path dir) {
        return new CompiledRuleCache(dir);
    }

    /** The cache file for a rule set version. */
    Path fileFor(String rulesetVersion) {
        String key = sha256((rulesetVersion + "\n" + ProgramVersion.get() + "\n" + programBuild() + "\n" + droolsVersion()
                + "\n" + System.getProperty("java.vm.version")).getBytes(StandardCharsets.UTF_8));
        return dir.resolve("rules-" + key.substring(0, 32) + ".bin");
    }

    /**
     * The cached rule base for this rule set, or null when there is none or it cannot be trusted.
     *
     * @param parent the class loader the rules' classes resolve through (the same as for a compile)
     */
    /** A rule base read from the cache, and where its rules are declared. */
    record Entry(KieBase kieBase, List<Declared> declarations) {
    }

    /** Where a rule is declared: its name, its file relative to the rules folder, and its line (or row). */
    record Declared(String name, String relative, int line) {
    }

    Entry load(String rulesetVersion, ClassLoader parent) {
        Path file = fileFor(rulesetVersion);
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        int start = MAGIC.length + DIGEST;
        if (all.length <= start + 4 || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        byte[] stored = Arrays.copyOfRange(all, MAGIC.length, start);
        if (!MessageDigest.isEqual(stored, digest(all, start))) {
            return null;
        }
        try {
            ProjectClassLoader loader = ProjectClassLoader.createProjectClassLoader(parent);
            // The body: the declarations section's length and that section, the length of the declared-type
            // classes section and that section, then the packages.
            int declarationsLength = java.nio.ByteBuffer.wrap(all, start, 4).getInt();
            int declarationsAt = start + 4;
            if (declarationsLength < 0 || declarationsAt + declarationsLength + 4 > all.length) {
                return null;
            }
            List<Declared> declarations = new ArrayList<>();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, declarationsAt, declarationsLength))) {
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    declarations.add(new Declared(in.readUTF(), in.readUTF(), in.readInt()));
                }
            }
            int classesLength = java.nio.ByteBuffer.wrap(all, declarationsAt + declarationsLength, 4).getInt();
            int classesAt = declarationsAt + declarationsLength + 4;
            int packagesAt = classesAt + classesLength;
            if (classesLength < 0 || packagesAt > all.length) {
                return null;
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(all, classesAt, classesLength))) {
                in.setObjectInputFilter(CompiledRuleCache::allowed);
                @SuppressWarnings("unchecked")
                Map<String, byte[]> classes = (Map<String, byte[]>) in.readObject();
                loader.storeClasses(classes);
            }
            List<KiePackage> packages;
            try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(all, packagesAt, all.length - packagesAt), loader)) {
                in.setObjectInputFilter(CompiledRuleCache::allowed);
                @SuppressWarnings("unchecked")
                List<KiePackage> read = (List<KiePackage>) in.readObject();
                packages = read;
            }
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(RuleBaseFactory.newKnowledgeBaseConfiguration(null, loader));
            @SuppressWarnings({"unchecked", "rawtypes"})
            Collection<org.drools.base.definitions.InternalKnowledgePackage> internal = (Collection) packages;
            kieBase.addPackages(internal);
            return new Entry(kieBase, List.copyOf(declarations));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            // A stale or foreign entry: compile instead, and overwrite it.
            return null;
        }
    }

    /** Stores a freshly compiled rule base; a failure to write only costs the next start a compile. */
    void store(String rulesetVersion, KieBase kieBase, List<Declared> declarations) {
        try {
            ByteArrayOutputStream declarationBytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(declarationBytes)) {
                out.writeInt(declarations.size());
                for (Declared d : declarations) {
                    out.writeUTF(d.name());
                    out.writeUTF(d.relative());
                    out.writeInt(d.line());
                }
            }
            ClassLoader root = ((RuleBase) kieBase).getRootClassLoader();
            Map<String, byte[]> classes = root instanceof ProjectClassLoader p ? new HashMap<>(p.getStore()) : new HashMap<>();
            ByteArrayOutputStream classBytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(classBytes)) {
                out.writeObject(classes);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 18);
            body.write(java.nio.ByteBuffer.allocate(4).putInt(declarationBytes.size()).array());
            declarationBytes.writeTo(body);
            body.write(java.nio.ByteBuffer.allocate(4).putInt(classBytes.size()).array());
            classBytes.writeTo(body);
            try (ObjectOutputStream out = new DroolsObjectOutputStream(body)) {
                out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
            }
            byte[] payload = body.toByteArray();
            byte[] all = new byte[MAGIC.length + DIGEST + payload.length];
            System.arraycopy(MAGIC, 0, all, 0, MAGIC.length);
            System.arraycopy(payload, 0, all, MAGIC.length + DIGEST, payload.length);
            System.arraycopy(digest(all, MAGIC.length + DIGEST), 0, all, MAGIC.length, DIGEST);
            Files.createDirectories(dir);
            Path file = fileFor(rulesetVersion);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, all);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // The cache is an optimisation: never fail a command over it.
        }
    }

    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return info.depth() > 200 || info.references() > 1_000_000 ? ObjectInputFilter.Status.REJECTED
                    : ObjectInputFilter.Status.UNDECIDED;
        }
        String name = type.getName();
        for (String prefix : ALLOWED) {
            if (name.startsWith(prefix)) {
                return ObjectInputFilter.Status.ALLOWED;
            }
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    private static byte[] digest(byte[] bytes, int from) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, from, bytes.length - from);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes, 0));
    }

    /** The program's own jar (size and time), so a rebuilt jar with the same version misses. */
    private static String programBuild() {
        try {
            Path self = Path.of(CompiledRuleCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + ":" + Files.size(self) + ":" + Files.getLastModifiedTime(self).toMillis();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String droolsVersion() {
        try (InputStream in = RuleBase.class.getResourceAsStream("/META-INF/maven/org.drools/drools-core/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
