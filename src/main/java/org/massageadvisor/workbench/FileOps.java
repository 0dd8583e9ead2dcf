package org.massageadvisor.workbench;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The file moves a publish makes; tests put one in that fails part-way, as a full disk or a crash would. */
interface FileOps {

    FileOps REAL = (from, to) -> {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    };

    /** Moves {@code from} over {@code to} atomically (replacing it). */
    void move(Path from, Path to) throws IOException;
}
