package org.massageadvisor.audit;

import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleFiles;

/** A content-addressed store of rule sets: a folder beside the file log, or tables in the database log. */
public interface RuleSets {

    /** Keeps the rule set unless it is there already. */
    void store(RuleFiles files);

    /** Compiles a stored rule set after checking that its files still hash to its version. */
    RuleBase load(String version);

    /**
     * Links a stored rule set to the commit it was published from; a later publish of the same files
     * (a revert) moves the link to its commit, whose files are the same.
     */
    void linkCommit(String version, String commit);

    /** The commit a stored rule set was published from, or null if it was not published from version control. */
    String commitOf(String version);
}
