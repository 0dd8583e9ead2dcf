package org.massageadvisor.cdshooks;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;

/**
 * Turns what the record says (HAPI R4 resources) into a client profile for the rules, through the
 * terminology file. What the record cannot say comes from the file's defaults, and every default used
 * is written down as an assumption for the card; a code the file does not know is a note, not an error.
 */
final class ProfileBuilder {

    /** One massage the client had (or has booked): its date and type, and where the record says so. */
    record Massage(LocalDate date, String type, String source) {
    }

    /** The profile, the last massage before the reference date (null if none), and what was assumed or noted. */
    record Profile(Client client, Massage last, List<String> assumptions, List<String> notes) {
    }

    private final Terminology terminology;
    private final Vocabulary vocabulary;
    private final FhirData data;

    ProfileBuilder(Terminology terminology, Vocabulary vocabulary, FhirData data) {
        this.terminology = terminology;
        this.vocabulary = vocabulary;
        this.data = data;
    }

    /** The massages on record (completed massage procedures, fulfilled massage appointments), oldest first. */
    List<Massage> history() {
        List<Massage> out = new ArrayList<>();
        for (Procedure p : data.procedures()) {
            if (p.getStatus() != Procedure.ProcedureStatus.COMPLETED) {
                continue;
            }
            Optional<String> type = term(Category.MASSAGE_TYPE, p.getCode());
            LocalDate date = p.hasPerformedPeriod() ? date(p.getPerformedPeriod().hasEnd() ? p.getPerformedPeriod().getEndElement()
                    : p.getPerformedPeriod().getStartElement()) : p.hasPerformedDateTimeType() ? date(p.getPerformedDateTimeType()) : null;
            if (type.isPresent() && date != null) {
                out.add(new Massage(date, type.get(), "Procedure"));
            }
        }
        for (Appointment a : data.appointments()) {
            if (a.getStatus() != Appointment.AppointmentStatus.FULFILLED) {
                continue;
            }
            Optional<String> type = a.getServiceType().stream().map(c -> term(Category.MASSAGE_TYPE, c)).flatMap(Optional::stream).findFirst();
            LocalDate date = a.hasStart() ? date(a.getStartElement()) : null;
            if (type.isPresent() && date != null) {
                out.add(new Massage(date, type.get(), "Appointment"));
            }
        }
        out.sort(Comparator.comparing(Massage::date));
        return out;
    }

    /**
     * The profile as of {@code asOf}: the last massage is the latest one on or before that date among
     * the history and {@code extra} (earlier proposed bookings); {@code booking} is the appointment
     * being checked (its reason gives the goal, its service type the massage type when there is no history).
     */
    Profile build(LocalDate asOf, List<Massage> extra, Appointment booking) {
        List<String> assumptions = new ArrayList<>();
        List<String> notes = new ArrayList<>(data.notes());
        List<Massage> all = new ArrayList<>(history());
        all.addAll(extra);
        Massage last = all.stream().filter(m -> !m.date().isAfter(asOf)).max(Comparator.comparing(Massage::date)).orElse(null);

        Terminology.Defaults defaults = terminology.defaults();
        String massageType;
        if (last != null) {
            massageType = last.type();
        } else {
            Optional<String> booked = booking == null ? Optional.empty() : bookedType(booking);
            massageType = booked.orElse(null);
            if (massageType == null) {
                massageType = defaults.massageType();
                assumptions.add("massage type " + massageType + " (no coded massage on record or on the booking)");
            }
        }

        String goal = goal(booking, asOf).orElse(null);
        if (goal == null) {
            goal = defaults.goal();
            assumptions.add("goal " + goal + " (no appointment reason the terminology knows)");
        }
        String activity = defaults.activityLevel();
        assumptions.add("activity level " + activity + " (the record does not describe activity)");

        List<String> bodyResponse = bodyResponse(last);
        if (last != null && bodyResponse.isEmpty()) {
            assumptions.add("no soreness or fatigue after the last session (none recorded since " + last.date() + ")");
        }
        if ("INJURY_RECOVERY".equals(goal)) {
            assumptions.add("no recorded medical approval and no therapist-guided plan");
        }
        List<String> conditions = conditions(notes);
        Client client = new Client(null, goal, massageType, bodyResponse, conditions, activity, false, false, 0, null);
        return new Profile(client, last, assumptions, notes);
    }

    /** The massage type a booking's service type names, if the terminology knows it. */
    Optional<String> bookedType(Appointment booking) {
        return booking.getServiceType().stream().map(c -> term(Category.MASSAGE_TYPE, c)).flatMap(Optional::stream).findFirst();
    }

    /** The goal from the booking's reason, or for a chart view from the latest massage appointment's reason. */
    private Optional<String> goal(Appointment booking, LocalDate asOf) {
        List<Appointment> candidates = new ArrayList<>();
        if (booking != null) {
            candidates.add(booking);
        } else {
            data.appointments().stream().filter(Appointment::hasStart)
                    .sorted(Comparator.comparing((Appointment a) -> date(a.getStartElement()), Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                    .forEach(candidates::add);
        }
        for (Appointment a : candidates) {
            for (CodeableConcept reason : a.getReasonCode()) {
                Optional<String> goal = term(Category.GOAL, reason);
                if (goal.isPresent()) {
                    return goal;
                }
            }
        }
        return Optional.empty();
    }

    /** Soreness or fatigue recorded on or after the last massage (by its code or coded value). */
    private List<String> bodyResponse(Massage last) {
        if (last == null) {
            return List.of();
        }
        TreeSet<String> out = new TreeSet<>();
        for (Observation o : data.observations()) {
            if (o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR || o.getStatus() == Observation.ObservationStatus.CANCELLED) {
                continue;
            }
            LocalDate when = o.hasEffectiveDateTimeType() ? date(o.getEffectiveDateTimeType())
                    : o.hasEffectivePeriod() ? date(o.getEffectivePeriod().getStartElement()) : null;
            if (when == null || when.isBefore(last.date())) {
                continue;
            }
            term(Category.BODY_RESPONSE, o.getCode()).ifPresent(out::add);
            if (o.hasValueCodeableConcept()) {
                term(Category.BODY_RESPONSE, o.getValueCodeableConcept()).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** Active conditions and medications as condition terms; an unknown condition code becomes a note. */
    private List<String> conditions(List<String> notes) {
        TreeSet<String> out = new TreeSet<>();
        for (Condition c : data.conditions()) {
            if (!active(c)) {
                continue;
            }
            Optional<String> term = term(Category.CONDITION, c.getCode());
            if (term.isPresent()) {
                out.add(term.get());
            } else {
                notes.add("Condition " + describe(c.getCode()) + " is not in terminology.yaml, so the advice does not"
                        + " take it into account: check it yourself.");
            }
        }
        for (MedicationRequest m : data.medications()) {
            if (m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE && m.hasMedicationCodeableConcept()) {
                term(Category.CONDITION, m.getMedicationCodeableConcept()).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** Active unless the record says otherwise (clinical status not active, or entered in error or refuted). */
    private static boolean active(Condition c) {
        if (c.hasVerificationStatus()) {
            for (Coding v : c.getVerificationStatus().getCoding()) {
                if ("entered-in-error".equals(v.getCode()) || "refuted".equals(v.getCode())) {
                    return false;
                }
            }
        }
        if (!c.hasClinicalStatus()) {
            return true;
        }
        return c.getClinicalStatus().getCoding().stream().anyMatch(s -> "active".equals(s.getCode())
                || "recurrence".equals(s.getCode()) || "relapse".equals(s.getCode()));
    }

    /** The term of the first coding the terminology knows. */
    private Optional<String> term(Category category, CodeableConcept concept) {
        if (concept == null) {
            return Optional.empty();
        }
        for (Coding coding : concept.getCoding()) {
            Optional<String> term = terminology.term(category, coding.getSystem(), coding.getCode());
            if (term.isPresent() && vocabulary.terms(category).containsKey(term.get())) {
                return term;
            }
        }
        return Optional.empty();
    }

    /** A concept for a note: its text or display and its codes. */
    static String describe(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return "(no code)";
        }
        StringBuilder b = new StringBuilder();
        String label = concept.hasText() ? concept.getText() : concept.getCoding().stream().filter(Coding::hasDisplay)
                .map(Coding::getDisplay).findFirst().orElse(null);
        if (label != null) {
            b.append('"').append(label).append("\" ");
        }
        b.append('(');
        List<String> codes = new ArrayList<>();
        for (Coding c : concept.getCoding()) {
            codes.add((c.hasSystem() ? c.getSystem() + " " : "") + c.getCode());
        }
        b.append(codes.isEmpty() ? "no code" : String.join(", ", codes)).append(')');
        return b.toString();
    }

    /** The calendar date as written in the record (its own time zone), or null if it has none. */
    static LocalDate date(BaseDateTimeType value) {
        if (value == null || value.getValueAsString() == null || value.getValueAsString().length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.getValueAsString().substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
