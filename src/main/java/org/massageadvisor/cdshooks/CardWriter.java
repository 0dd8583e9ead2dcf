package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.recommendation.Firing;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/**
 * Writes the cards: a one-line summary, Markdown detail with the warnings, the reasons (the rules
 * that fired and the guidance behind them), what was assumed and what could not be read, the
 * guidance as source, and a link to the explanation page. Text from the record is escaped.
 */
final class CardWriter {

    static final String SOURCE_LABEL = "Back massage guidance (massage-advisor rules)";
    static final List<Card.Coding> OVERRIDE_REASONS = List.of(
            new Card.Coding(CdsService.OVERRIDE_SYSTEM, "therapist-advised", "Client's therapist advised it"),
            new Card.Coding(CdsService.OVERRIDE_SYSTEM, "doctor-approved", "Client's doctor approved it"),
            new Card.Coding(CdsService.OVERRIDE_SYSTEM, "client-informed", "Client was told the advice and chose this date"));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final Vocabulary vocabulary;

    CardWriter(String baseUrl, Vocabulary vocabulary) {
        this.baseUrl = baseUrl;
        this.vocabulary = vocabulary;
    }

    /**
     * The card for one proposed booking: critical for a referral, warning when it is too soon after
     * the last massage (with a suggestion to move it), info when there is no earlier massage to space it
     * from or a precaution to review; none when it fits and nothing needs saying.
     */
    Card booking(String label, LocalDate start, ProfileBuilder.Profile profile, Recommendation r, JsonNode moved) {
        Client client = profile.client();
        ProfileBuilder.Massage last = profile.last();
        String topic = "massage-interval";
        if (r.status() == Status.REFER) {
            String why = r.warnings().stream().map(CardWriter::warningName).distinct().reduce((a, b) -> a + ", " + b).orElse("");
            String detail = "**A professional should advise before this massage is booked.**\n\n" + common(profile, r);
            return card(summary("Refer before booking: " + why), "critical", detail, topic, client, List.of(), OVERRIDE_REASONS);
        }
        String interval = r.interval().toString();
        if (last == null) {
            String detail = "No earlier massage is on record, so there is nothing to space this booking from. After it, leave "
                    + "**" + interval + "** before the next back massage.\n\n" + common(profile, r);
            return card(summary("No earlier massage on record; after this one leave " + interval), "info", detail, topic, client,
                    List.of(), List.of());
        }
        long days = ChronoUnit.DAYS.between(last.date(), start);
        LocalDate earliest = last.date().plusDays(r.interval().minDays());
        String after = massageName(last.type()) + " massage" + (last.source().startsWith("proposed") ? " booked for " + last.date() : "");
        if (days < r.interval().minDays()) {
            String summary = summary("Booked " + days + (days == 1 ? " day" : " days") + " after " + after
                    + "; earliest suitable date " + earliest);
            String detail = "This booking on " + start + " is " + days + (days == 1 ? " day" : " days") + " after the last "
                    + massageName(last.type()) + " massage (" + last.date() + ", from " + md(last.source()) + "). Leave **"
                    + interval + "** between back massages: the earliest suitable date is **" + earliest + "**.\n\n" + common(profile, r);
            List<Card.Suggestion> suggestions = moved == null ? List.of() : List.of(new Card.Suggestion("Move to " + earliest,
                    CdsService.uuid(), true, List.of(new Card.Action("update", "Move " + label + " to " + earliest, moved))));
            return new Card(CdsService.uuid(), summary, "warning", detail, source(topic), suggestions,
                    suggestions.isEmpty() ? null : "at-most-one", OVERRIDE_REASONS, links(client));
        }
        long review = r.warnings().stream().filter(w -> !"info".equals(CdsService.indicator(vocabulary, w))).count()
                + profile.notes().size();
        if (review == 0) {
            return null;
        }
        String detail = "This booking on " + start + " is " + days + " days after the last " + massageName(last.type())
                + " massage (" + last.date() + "), within the advice of **" + interval + "**.\n\n" + common(profile, r);
        return card(summary("Booking fits the advised " + interval + "; " + review + (review == 1 ? " item" : " items")
                + " to review"), "info", detail, topic, client, List.of(), List.of());
    }

    /** A booking without a start date cannot be checked; the card says so. */
    Card unchecked(String label) {
        return new Card(CdsService.uuid(), summary("Not checked: " + label + " has no start date"), "info",
                "The interval between back massages could not be checked because " + md(label) + " has no start date.",
                source("massage-interval"), List.of(), null, List.of(), List.of());
    }

    /** The chart view: the interval and next window (with tips), then one card per warning at its own indicator. */
    List<Card> advice(ProfileBuilder.Profile profile, Recommendation r) {
        Client client = profile.client();
        String topic = "massage-advice";
        List<Card> cards = new ArrayList<>();
        if (r.status() == Status.REFER) {
            cards.add(card(summary("See a professional before the next back massage"), "critical",
                    "**No interval is given: a professional should advise first.**\n\n" + common(profile, r, true), topic, client,
                    List.of(), List.of()));
        } else {
            String window = "";
            String detail = "Leave **" + r.interval() + "** between back massages.";
            ProfileBuilder.Massage last = profile.last();
            if (last != null) {
                LocalDate from = last.date().plusDays(r.interval().minDays());
                LocalDate to = last.date().plusDays(r.interval().maxDays());
                window = "; next window " + from + " to " + to;
                detail += " The last massage was " + massageName(last.type()) + " on " + last.date() + ", so the next one fits between **"
                        + from + "** and **" + to + "**.";
            } else {
                detail += " No earlier massage is on record.";
            }
            cards.add(card(summary("Leave " + r.interval() + " between back massages" + window), "info",
                    detail + "\n\n" + common(profile, r, true), topic, client, List.of(), List.of()));
        }
        for (IssuedWarning w : r.warnings()) {
            String detail = md(w.message()) + (w.rule() == null ? "" : "\n\nRaised by the rule \"" + md(w.rule()) + "\".");
            cards.add(card(summary(w.message()), CdsService.indicator(vocabulary, w), detail, topic, client, List.of(), List.of()));
        }
        return cards;
    }

    private Card card(String summary, String indicator, String detail, String topic, Client client, List<Card.Suggestion> suggestions,
            List<Card.Coding> overrideReasons) {
        return new Card(CdsService.uuid(), summary, indicator, detail, source(topic), suggestions,
                suggestions.isEmpty() ? null : "at-most-one", overrideReasons, links(client));
    }

    /** Warnings, reasons, assumptions and notes: the part every decision card shares. */
    private static String common(ProfileBuilder.Profile profile, Recommendation r) {
        return common(profile, r, false);
    }

    private static String common(ProfileBuilder.Profile profile, Recommendation r, boolean withTips) {
        StringBuilder b = new StringBuilder();
        if (!r.warnings().isEmpty()) {
            b.append("**Warnings**\n\n");
            for (IssuedWarning w : r.warnings()) {
                b.append("- ").append(md(warningName(w))).append(": ").append(md(w.message())).append('\n');
            }
            b.append('\n');
        }
        // The reasons worth a clinician's time: the steps that set the interval, and the warnings and referrals.
        List<Firing> reasons = r.explanation() == null ? List.of() : r.explanation().stream()
                .filter(f -> f.after() != null || f.effect() != null && (f.effect().contains("warning ") || f.effect().contains("refers")))
                .toList();
        if (!reasons.isEmpty()) {
            b.append("**Why**\n\n");
            for (Firing f : reasons) {
                b.append("- ").append(md(f.description() == null ? f.rule() : f.description()));
                if (f.source() != null) {
                    b.append(" (").append(md(f.source())).append(')');
                }
                b.append(": ").append(md(f.effect())).append('\n');
            }
            b.append('\n');
        }
        if (withTips && !r.tips().isEmpty()) {
            b.append("**Tips**\n\n");
            r.tips().forEach(t -> b.append("- ").append(md(t.message())).append('\n'));
            b.append('\n');
        }
        if (!profile.assumptions().isEmpty()) {
            b.append("**Assumed** (the record does not say)\n\n");
            profile.assumptions().forEach(a -> b.append("- ").append(md(a)).append('\n'));
            b.append('\n');
        }
        if (!profile.notes().isEmpty()) {
            b.append("**Notes**\n\n");
            profile.notes().forEach(n -> b.append("- ").append(md(n)).append('\n'));
            b.append('\n');
        }
        b.append("Rule set ").append(md(r.rulesetVersion())).append('\n');
        return b.toString();
    }

    private static Card.Source source(String topic) {
        return new Card.Source(SOURCE_LABEL, null, new Card.Coding(CdsService.TOPIC_SYSTEM, topic,
                topic.equals("massage-interval") ? "Interval between back massages" : "Back massage advice"));
    }

    /** The explanation page for this profile: {@code {base}/explain?profile=<base64url of the profile JSON>}. */
    private List<Card.Link> links(Client client) {
        return List.of(new Card.Link("Why this advice (full explanation)", baseUrl + "/explain?profile=" + encode(client), "absolute"));
    }

    /** The profile as JSON (the fields a profile file has, without the record's id), base64url without padding. */
    static String encode(Client client) {
        ObjectNode profile = MAPPER.valueToTree(client);
        profile.remove("id");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(profile.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String warningName(IssuedWarning w) {
        return w.code() + (w.subject() == null ? "" : " (" + w.subject() + ")");
    }

    static String massageName(String type) {
        return type.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A summary under the specification's 140 characters: cut at a word with an ellipsis if needed. */
    static String summary(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        if (oneLine.length() < Card.SUMMARY_LIMIT) {
            return oneLine;
        }
        String cut = oneLine.substring(0, Card.SUMMARY_LIMIT - 2);
        int space = cut.lastIndexOf(' ');
        return (space > 80 ? cut.substring(0, space) : cut) + "…";
    }

    /** Text as literal Markdown: every ASCII punctuation character that Markdown or HTML could read is escaped, lines joined. */
    static String md(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (char c : text.replaceAll("[\\r\\n]+", " ").toCharArray()) {
            if ("\\`*_{}[]()<>#+-.!|~&".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
