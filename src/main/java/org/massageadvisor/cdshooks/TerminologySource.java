package org.massageadvisor.cdshooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.massageadvisor.client.InputException;

/**
 * {@code terminology.yaml} as clinicians last saved it: each request looks at the file's size and
 * modification time and reads it again when they changed, so an edit applies to the next hook call
 * with no rebuild and no restart. A broken edit keeps the last good version serving.
 */
public final class TerminologySource {

    private record Loaded(long modified, long size, Terminology terminology) {
    }

    private final Path file;
    private volatile Loaded loaded;
    private volatile String lastProblem;

    public TerminologySource(Path rulesDir) {
        this.file = rulesDir.resolve(Terminology.FILE_NAME);
    }

    /** The current terminology; a 500 if the file has never been readable. */
    public Terminology get() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return keepOr("no " + Terminology.FILE_NAME + " in the rules folder");
        } catch (IOException e) {
            return keepOr("cannot read " + file + ": " + e.getMessage());
        }
        Loaded current = loaded;
        long modified = attributes.lastModifiedTime().toMillis();
        if (current != null && current.modified() == modified && current.size() == attributes.size()) {
            return current.terminology();
        }
        synchronized (this) {
            current = loaded;
            if (current != null && current.modified() == modified && current.size() == attributes.size()) {
                return current.terminology();
            }
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Terminology t = Terminology.parse(text, file.toString());
                loaded = new Loaded(modified, attributes.size(), t);
                lastProblem = null;
                return t;
            } catch (InputException e) {
                return keepOr(e.getMessage());
            } catch (IOException e) {
                return keepOr("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /** Why the newest version of the file is not the one serving, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    private Terminology keepOr(String problem) {
        lastProblem = problem;
        Loaded current = loaded;
        if (current == null) {
            throw new CdsException(500, "Terminology unavailable", problem);
        }
        return current.terminology();
    }
}
