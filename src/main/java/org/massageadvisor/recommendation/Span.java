package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An interval while it is being worked out (a firing's before or after). Unlike {@link Interval} it
 * is not checked: mid-way through, edited rules may push it out of 1..31 before the final clamp.
 */
@JsonPropertyOrder({"minDays", "maxDays"})
public record Span(int minDays, int maxDays) {

    @Override
    public String toString() {
        return minDays == maxDays ? minDays + " days" : minDays + "-" + maxDays + " days";
    }
}
