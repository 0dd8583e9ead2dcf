package org.massageadvisor.recommendation;

/** RECOMMENDED: an interval is given. REFER: none is safe to give without a professional. */
public enum Status {
    RECOMMENDED,
    REFER
}
