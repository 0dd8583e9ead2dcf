package org.massageadvisor.facts;

/**
 * Where rule consequences record their conclusions, as the DRL global {@code conclusions}:
 * {@code conclusions.add( new Warning(...) )}. Conclusions recorded here never enter working memory.
 */
public interface Conclusions {

    void add(Object conclusion);
}
