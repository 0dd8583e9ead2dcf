package org.massageadvisor.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The one FHIR R4 context of the process (building it is costly; it is thread-safe) and the JSON
 * parsing every FHIR resource goes through. Parsers are cheap and not thread-safe: one per call.
 */
final class Fhir {

    private static final class Holder {
        static final FhirContext CONTEXT = FhirContext.forR4();
    }

    private Fhir() {
    }

    static FhirContext context() {
        return Holder.CONTEXT;
    }

    /** Parses one resource (or Bundle); unknown elements are tolerated, malformed JSON is a 400 naming {@code what}. */
    static IBaseResource parse(String json, String what) {
        try {
            return parser().parseResource(json);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            throw CdsException.badRequest(what + " is not a FHIR R4 resource: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Builds the context and its model of every resource type the hooks read, so the first hook call
     * does not pay for it (several seconds on a loaded machine).
     */
    static void warmUp() {
        parse("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\"}},{\"resource\":{\"resourceType\":\"Condition\"}},"
                + "{\"resource\":{\"resourceType\":\"MedicationRequest\"}},{\"resource\":{\"resourceType\":\"Procedure\"}},"
                + "{\"resource\":{\"resourceType\":\"Appointment\"}},{\"resource\":{\"resourceType\":\"Observation\"}},"
                + "{\"resource\":{\"resourceType\":\"OperationOutcome\"}}]}", "the warm-up bundle");
    }

    static String write(IBaseResource resource) {
        return parser().encodeResourceToString(resource);
    }

    private static IParser parser() {
        return context().newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
