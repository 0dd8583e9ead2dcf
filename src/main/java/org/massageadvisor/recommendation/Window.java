package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;

/** The dates the next back massage falls between: the last massage plus minDays and plus maxDays. */
@JsonPropertyOrder({"earliest", "latest"})
public record Window(
        @JsonSerialize(using = IsoDate.Writer.class) @JsonDeserialize(using = IsoDate.Reader.class) LocalDate earliest,
        @JsonSerialize(using = IsoDate.Writer.class) @JsonDeserialize(using = IsoDate.Reader.class) LocalDate latest) {

    public Window {
        if (earliest == null || latest == null || latest.isBefore(earliest)) {
            throw new IllegalArgumentException("a window needs earliest <= latest, was " + earliest + " - " + latest);
        }
    }

    /** The window after {@code lastMassage} for {@code interval}; null when either is missing. */
    public static Window after(LocalDate lastMassage, Interval interval) {
        if (lastMassage == null || interval == null) {
            return null;
        }
        return new Window(lastMassage.plusDays(interval.minDays()), lastMassage.plusDays(interval.maxDays()));
    }

    @Override
    public String toString() {
        return earliest.equals(latest) ? "on " + earliest : "between " + earliest + " and " + latest;
    }
}
