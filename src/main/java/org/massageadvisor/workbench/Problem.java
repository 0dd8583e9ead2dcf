package org.massageadvisor.workbench;

/** One thing wrong with a draft: where (path, 1-based line and column; 0 if unknown), which stage, what. */
public record Problem(String path, int line, int column, String stage, String message) {
}
