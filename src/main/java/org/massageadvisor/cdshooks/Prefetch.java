package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.massageadvisor.client.Category;

/**
 * The FHIR data a hook needs: the prefetch templates discovery advertises, and reading them back,
 * from the request's prefetch or, for a key the client did not send, from its FHIR server with the
 * bearer token it gave. A required key that is neither sent nor fetchable is a 412.
 */
public final class Prefetch {

    /** One prefetch key: its FHIR query template, whether the advice cannot be given without it, and its resource type. */
    record Key(String name, String template, boolean required, Class<? extends Resource> type) {
    }

    /** Bodies larger than this from a FHIR server are refused (a search of one client's records is far smaller). */
    static final int MAX_FHIR_BYTES = 4 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private Prefetch() {
    }

    /** The keys, in the order discovery lists them; the observation search names the codes the terminology maps. */
    static List<Key> keys(Terminology terminology) {
        String patient = "{{context.patientId}}";
        return List.of(
                new Key("patient", "Patient/" + patient, true, Patient.class),
                new Key("conditions", "Condition?patient=" + patient + "&clinical-status=active", true, Condition.class),
                new Key("medications", "MedicationRequest?patient=" + patient + "&status=active", false, MedicationRequest.class),
                new Key("procedures", "Procedure?patient=" + patient + "&status=completed", true, Procedure.class),
                new Key("appointments", "Appointment?patient=" + patient + "&status=fulfilled", true, Appointment.class),
                new Key("observations", "Observation?patient=" + patient + "&code=" + observationCodes(terminology), false,
                        Observation.class));
    }

    /** Discovery's {@code prefetch} object. */
    public static Map<String, String> templates(Terminology terminology) {
        Map<String, String> out = new LinkedHashMap<>();
        keys(terminology).forEach(k -> out.put(k.name(), k.template()));
        return out;
    }

    private static String observationCodes(Terminology terminology) {
        StringJoiner codes = new StringJoiner(",");
        for (Terminology.Mapping m : terminology.mappings(Category.BODY_RESPONSE)) {
            if (!m.prefix()) {
                codes.add(m.system() + "|" + m.code());
            }
        }
        return codes.toString();
    }

    /** Reads every key from the prefetch, fetching what is missing when a FHIR server was given. */
    static FhirData read(HookRequest request, Terminology terminology) {
        Map<String, List<Resource>> byKey = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Key key : keys(terminology)) {
            List<Resource> resources = fromPrefetch(request, key);
            if (resources == null && request.fhirServer() != null) {
                resources = fetch(request, key);
            }
            if (resources == null) {
                if (key.required()) {
                    missing.add(key.name());
                } else {
                    notes.add("The " + key.name() + " search was not provided, so " + (key.type() == Observation.class
                            ? "no soreness or fatigue after the last session could be read." : "active medications were not checked."));
                }
                resources = List.of();
            }
            byKey.put(key.name(), resources);
        }
        if (!missing.isEmpty()) {
            throw CdsException.preconditionFailed("prefetch " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing and no fhirServer was given to fetch "
                    + (missing.size() == 1 ? "it" : "them") + " from");
        }
        Patient patient = byKey.get("patient").stream().map(Patient.class::cast).findFirst().orElse(null);
        return new FhirData(patient, cast(byKey.get("conditions"), Condition.class), cast(byKey.get("medications"), MedicationRequest.class),
                cast(byKey.get("procedures"), Procedure.class), cast(byKey.get("appointments"), Appointment.class),
                cast(byKey.get("observations"), Observation.class), notes);
    }

    private static <T> List<T> cast(List<Resource> resources, Class<T> type) {
        return resources.stream().map(type::cast).toList();
    }

    /**
     * The resources a prefetch key holds; an empty list for a null value (the client has no data);
     * null when the key is absent or holds an OperationOutcome (the client could not fetch it).
     */
    private static List<Resource> fromPrefetch(HookRequest request, Key key) {
        if (!request.hasPrefetch(key.name())) {
            return null;
        }
        JsonNode value = request.prefetch().get(key.name());
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isObject()) {
            throw CdsException.badRequest("prefetch '" + key.name() + "' must be a FHIR resource or Bundle");
        }
        return resources(Fhir.parse(value.toString(), "prefetch '" + key.name() + "'"), key, "prefetch '" + key.name() + "'");
    }

    /** The resources of the key's type in a resource or search Bundle; null for an OperationOutcome. */
    static List<Resource> resources(IBaseResource parsed, Key key, String what) {
        if (parsed instanceof OperationOutcome) {
            return null;
        }
        List<Resource> out = new ArrayList<>();
        if (parsed instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                if (key.type().isInstance(e.getResource())) {
                    out.add(e.getResource());
                }
            }
            return out;
        }
        if (!key.type().isInstance(parsed)) {
            throw CdsException.badRequest(what + " holds a " + parsed.fhirType() + ", expected a " + key.type().getSimpleName()
                    + " or a Bundle of them");
        }
        out.add((Resource) parsed);
        return out;
    }

    /** GETs the key's query from the client's FHIR server; any failure to get the data is a 412. */
    private static List<Resource> fetch(HookRequest request, Key key) {
        URI uri = URI.create(request.fhirServer() + "/" + query(key.template(), request.tokens()));
        HttpRequest.Builder get = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/fhir+json").GET();
        if (request.accessToken() != null) {
            get.header("Authorization", "Bearer " + request.accessToken());
        }
        String what = "the " + key.name() + " search on the FHIR server";
        try {
            HttpResponse<InputStream> response = HTTP.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404 && key.type() == Patient.class) {
                    throw CdsException.preconditionFailed("the FHIR server has no Patient " + request.patientId());
                }
                if (response.statusCode() != 200) {
                    throw CdsException.preconditionFailed(what + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_FHIR_BYTES + 1);
                if (bytes.length > MAX_FHIR_BYTES) {
                    throw CdsException.preconditionFailed(what + " returned more than " + MAX_FHIR_BYTES + " bytes");
                }
                List<Resource> found = resources(Fhir.parse(new String(bytes, StandardCharsets.UTF_8), what), key, what);
                if (found == null) {
                    throw CdsException.preconditionFailed(what + " returned an OperationOutcome");
                }
                return found;
            }
        } catch (CdsException e) {
            throw e.status() == 400 ? CdsException.preconditionFailed(e.getMessage()) : e;
        } catch (IOException e) {
            throw CdsException.preconditionFailed(what + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CdsException.preconditionFailed(what + " was interrupted");
        }
    }

    /** The template with its tokens filled in and each query parameter value URL-encoded. */
    static String query(String template, Map<String, String> tokens) {
        String filled = template;
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            filled = filled.replace("{{" + t.getKey() + "}}", t.getValue());
        }
        int q = filled.indexOf('?');
        if (q < 0) {
            return filled;
        }
        StringJoiner params = new StringJoiner("&");
        for (String param : filled.substring(q + 1).split("&")) {
            int eq = param.indexOf('=');
            params.add(eq < 0 ? param : param.substring(0, eq + 1) + URLEncoder.encode(param.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return filled.substring(0, q + 1) + params;
    }
}
