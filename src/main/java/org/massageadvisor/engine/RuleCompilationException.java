package org.massageadvisor.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rules do not compile (exit code 3). The message lists every problem as file:line:col: text. */
public class RuleCompilationException extends RuntimeException {

    private final List<RuleProblem> problems;

    public RuleCompilationException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
