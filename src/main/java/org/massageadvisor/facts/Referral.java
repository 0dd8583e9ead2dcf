package org.massageadvisor.facts;

/** No interval is safe to give without a professional: the status becomes REFER. */
public record Referral(String reason) {
}
