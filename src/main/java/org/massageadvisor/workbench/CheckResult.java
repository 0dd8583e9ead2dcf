package org.massageadvisor.workbench;

import java.util.List;

/** The outcome of checking a draft: passed, the problems, and a one-line summary. */
public record CheckResult(boolean passed, List<Problem> problems, String summary) {

    public CheckResult {
        problems = List.copyOf(problems);
    }
}
