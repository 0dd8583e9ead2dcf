package org.massageadvisor.facts;

/**
 * Where a rule's consequence records what it concludes, as the DRL global {@code conclusions}:
 * {@code conclusions.add( new Warning( ... ) );}. Conclusions are not facts: no rule can match
 * them, so they stay out of working memory. The engine gives each evaluation its own collector.
 */
public interface Conclusions {

    /** The name every DRL file declares the global under. */
    String GLOBAL = "conclusions";

    /** Records one conclusion (a Warning, Tip, BaseRange, Adjustment, Floor or Referral) of the rule now firing. */
    void add(Object conclusion);
}
