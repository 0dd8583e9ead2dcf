package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/**
 * The CDS Hooks service without HTTP: discovery, the two hooks and feedback. Each hook call reads the
 * FHIR data, builds a profile through the terminology file, asks the live rules, logs the decision
 * (when an audit log is given) and answers with cards that follow the specification.
 */
public final class CdsService {

    public static final String INTERVAL_SERVICE = "massage-interval";
    public static final String ADVICE_SERVICE = "massage-advice";
    static final String APPOINTMENT_BOOK = "appointment-book";
    static final String PATIENT_VIEW = "patient-view";
    static final String OVERRIDE_SYSTEM = "http://massage-advisor.org/fhir/CodeSystem/override-reason";
    static final String TOPIC_SYSTEM = "http://massage-advisor.org/fhir/CodeSystem/topic";
    /** Cards remembered for feedback (uuid to the decision behind it); the oldest are forgotten first. */
    private static final int REMEMBERED_CARDS = 10_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a card was issued for, so feedback on it can name the decision it follows or overrides. */
    record Issued(String service, String hookInstance, String decision, Long seq, String summary) {
    }

    private final Supplier<Evaluator> evaluator;
    private final TerminologySource terminology;
    private final DecisionLog audit;
    private final String baseUrl;
    private final Clock clock;
    private final Map<String, Issued> issued = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
            return size() > REMEMBERED_CARDS;
        }
    });

    /**
     * @param evaluator the live rules (read on every call, so a reload applies to the next call)
     * @param terminology the terminology file of the rules folder
     * @param audit where decisions and feedback are logged; null for none
     * @param baseUrl the service's own absolute base URL, for the links to its explanation page; null to take
     *     each call's own (the scheme and Host it was reached at)
     */
    public CdsService(Supplier<Evaluator> evaluator, TerminologySource terminology, DecisionLog audit, String baseUrl, Clock clock) {
        this.evaluator = evaluator;
        this.terminology = terminology;
        this.audit = audit;
        this.baseUrl = baseUrl == null ? null : trimSlash(baseUrl);
        this.clock = clock;
    }

    /** The discovery document: both services with their prefetch templates. */
    public ObjectNode discovery() {
        Map<String, String> prefetch = Prefetch.templates(terminology.get());
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode services = root.putArray("services");
        services.add(service(INTERVAL_SERVICE, APPOINTMENT_BOOK, "Back massage interval check",
                "Checks each proposed massage appointment against the client's recommended interval between back massages:"
                        + " too soon after the last massage gives a warning with the earliest suitable date; a client who"
                        + " should see a professional first gives a critical card.", prefetch));
        services.add(service(ADVICE_SERVICE, PATIENT_VIEW, "Back massage advice",
                "Shows how many days to leave between back massages, the next suitable window, and any warnings,"
                        + " with self-care tips.", prefetch));
        return root;
    }

    private static ObjectNode service(String id, String hook, String title, String description, Map<String, String> prefetch) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("id", id);
        s.put("hook", hook);
        s.put("title", title);
        s.put("description", description);
        s.set("prefetch", MAPPER.valueToTree(prefetch));
        return s;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Answers a hook call to one of the services; an unknown id is a 404. {@code requestBase} is used when no base URL was set. */
    public ObjectNode call(String serviceId, String body, String requestBase) {
        String base = baseUrl != null ? baseUrl : trimSlash(requestBase);
        return switch (serviceId) {
            case INTERVAL_SERVICE -> cards(appointmentBook(HookRequest.parse(body, APPOINTMENT_BOOK), base));
            case ADVICE_SERVICE -> cards(patientView(HookRequest.parse(body, PATIENT_VIEW), base));
            default -> throw new CdsException(404, "No such CDS service", "no CDS service '" + serviceId + "' here; see GET /cds-services");
        };
    }

    private static ObjectNode cards(List<Card> cards) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("cards", MAPPER.valueToTree(cards));
        return root;
    }

    /** One verdict per proposed appointment, earliest first; each booking also counts as a massage for the ones after it. */
    List<Card> appointmentBook(HookRequest request, String base) {
        List<Appointment> proposed = proposedAppointments(request.context().get("appointments"));
        Terminology terms = terminology.get();
        Evaluator live = live();
        FhirData data = Prefetch.read(request, terms);
        ProfileBuilder builder = new ProfileBuilder(terms, live.ruleBase().vocabulary(), data);
        proposed.sort(Comparator.comparing((Appointment a) -> ProfileBuilder.date(a.getStartElement()),
                Comparator.nullsLast(Comparator.naturalOrder())));
        List<ProfileBuilder.Massage> booked = new ArrayList<>();
        List<Card> cards = new ArrayList<>();
        CardWriter writer = new CardWriter(base, live.ruleBase().vocabulary());
        for (Appointment appointment : proposed) {
            LocalDate start = ProfileBuilder.date(appointment.getStartElement());
            String label = appointmentLabel(appointment);
            if (start == null) {
                cards.add(remember(writer.unchecked(label), INTERVAL_SERVICE, request, null));
                continue;
            }
            ProfileBuilder.Profile profile = builder.build(start, booked, appointment);
            Evaluated e = evaluate(profile.client(), request, live);
            Card card = writer.booking(label, start, profile, e.recommendation(), moved(appointment, profile, e.recommendation()));
            if (card != null) {
                cards.add(remember(card, INTERVAL_SERVICE, request, e.entry()));
            }
            booked.add(new ProfileBuilder.Massage(start, builder.bookedType(appointment).orElse(profile.client().massageType()),
                    "proposed " + label));
        }
        return cards;
    }

    /** The chart view: the interval and window card, then one card per warning. */
    List<Card> patientView(HookRequest request, String base) {
        Terminology terms = terminology.get();
        Evaluator live = live();
        FhirData data = Prefetch.read(request, terms);
        ProfileBuilder.Profile profile = new ProfileBuilder(terms, live.ruleBase().vocabulary(), data)
                .build(LocalDate.now(clock), List.of(), null);
        Evaluated e = evaluate(profile.client(), request, live);
        CardWriter writer = new CardWriter(base, live.ruleBase().vocabulary());
        List<Card> cards = new ArrayList<>();
        for (Card card : writer.advice(profile, e.recommendation())) {
            cards.add(remember(card, ADVICE_SERVICE, request, e.entry()));
        }
        return cards;
    }

    private record Evaluated(Recommendation recommendation, AuditLog.Entry entry) {
    }

    private Evaluator live() {
        Evaluator live = evaluator.get();
        if (live == null) {
            throw new CdsException(503, "Rules not loaded", "no rule base is live yet");
        }
        return live;
    }

    /** Runs the rules; with an audit log the decision is on disk before any card is returned. */
    private Evaluated evaluate(Client client, HookRequest request, Evaluator live) {
        Client identified = client.withId("Patient/" + request.patientId());
        Recommendation r = live.evaluate(identified, true);
        AuditLog.Entry entry = audit == null ? null : audit.append(r, identified, live.ruleBase());
        return new Evaluated(r, entry);
    }

    private Card remember(Card card, String service, HookRequest request, AuditLog.Entry entry) {
        issued.put(card.uuid(), new Issued(service, request.hookInstance(), entry == null ? null : entry.decision(),
                entry == null ? null : entry.seq(), card.summary()));
        return card;
    }

    /** The proposed appointments of an appointment-book context: an R4 Bundle (or, as older clients send, an array). */
    private static List<Appointment> proposedAppointments(JsonNode appointments) {
        if (appointments == null || appointments.isNull()) {
            throw CdsException.badRequest("'context.appointments' is required for appointment-book");
        }
        List<IBaseResource> parsed = new ArrayList<>();
        if (appointments.isArray()) {
            for (JsonNode a : appointments) {
                parsed.add(Fhir.parse(a.toString(), "an entry of 'context.appointments'"));
            }
        } else if (appointments.isObject()) {
            IBaseResource r = Fhir.parse(appointments.toString(), "'context.appointments'");
            if (r instanceof Bundle bundle) {
                bundle.getEntry().forEach(e -> parsed.add(e.getResource()));
            } else {
                parsed.add(r);
            }
        } else {
            throw CdsException.badRequest("'context.appointments' must be a Bundle of Appointments");
        }
        List<Appointment> out = new ArrayList<>();
        for (IBaseResource r : parsed) {
            if (!(r instanceof Appointment a)) {
                throw CdsException.badRequest("'context.appointments' holds a " + (r == null ? "nothing" : r.fhirType())
                        + "; only Appointments are allowed");
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            throw CdsException.badRequest("'context.appointments' has no Appointment");
        }
        return out;
    }

    private static String appointmentLabel(Appointment a) {
        return a.hasIdElement() && a.getIdElement().getIdPart() != null ? "Appointment/" + a.getIdElement().getIdPart() : "the proposed appointment";
    }

    /** The booking moved to the earliest suitable date (same time of day, same length), for the suggestion's update action. */
    private static JsonNode moved(Appointment appointment, ProfileBuilder.Profile profile, Recommendation r) {
        LocalDate start = ProfileBuilder.date(appointment.getStartElement());
        if (profile.last() == null || r.status() != Status.RECOMMENDED || start == null) {
            return null;
        }
        LocalDate earliest = profile.last().date().plusDays(r.interval().minDays());
        int shift = (int) ChronoUnit.DAYS.between(start, earliest);
        if (shift <= 0) {
            return null;
        }
        Appointment copy = appointment.copy();
        copy.getStartElement().add(Calendar.DATE, shift);
        if (copy.hasEnd()) {
            copy.getEndElement().add(Calendar.DATE, shift);
        }
        try {
            return MAPPER.readTree(Fhir.write(copy));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write an Appointment", e);
        }
    }

    /**
     * Stores feedback on cards (accepted, or overridden with a reason) in the audit log next to the
     * decisions; answers how many entries were recorded.
     */
    public ObjectNode feedback(String serviceId, String body) {
        if (!serviceId.equals(INTERVAL_SERVICE) && !serviceId.equals(ADVICE_SERVICE)) {
            throw new CdsException(404, "No such CDS service", "no CDS service '" + serviceId + "' here; see GET /cds-services");
        }
        List<Feedback> items = Feedback.parse(body);
        int logged = 0;
        for (Feedback f : items) {
            Issued card = issued.get(f.card());
            // Feedback lines share the decisions' chain, in the file or in the database.
            var entry = f.toAuditEntry(serviceId, card == null ? null : card.decision(), card == null ? null : card.seq());
            if (audit instanceof AuditLog file) {
                file.appendFeedback(entry);
                logged++;
            } else if (audit instanceof org.massageadvisor.audit.PostgresDecisionLog db) {
                db.appendFeedback(entry);
                logged++;
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("received", items.size());
        out.put("logged", logged);
        return out;
    }

    /** The indicator a warning code carries in the vocabulary (warning when the vocabulary does not say). */
    static String indicator(org.massageadvisor.client.Vocabulary vocabulary, IssuedWarning w) {
        String indicator = vocabulary.indicator(w.code(), w.subject());
        return indicator == null ? "warning" : indicator;
    }

    /** A fresh card or suggestion id. */
    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
