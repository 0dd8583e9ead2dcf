package org.massageadvisor.engine;

import java.util.List;

/**
 * The rules compile, or might, but contain something a rule may not do (see {@link RuleAllowlist}):
 * refused before any of it is compiled or run (exit code 3, each problem as file:line:col).
 */
public class RuleRefusedException extends RuleCompilationException {

    public RuleRefusedException(List<RuleProblem> problems) {
        super(problems);
    }
}
