package org.massageadvisor.cdshooks;

import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;

/**
 * What the record says about one client, as HAPI R4 resources: the patient (null if not given), the
 * conditions, medication requests, procedures, past appointments and observations, and notes on what
 * could not be read (an optional search the client did not send, say).
 */
public record FhirData(Patient patient, List<Condition> conditions, List<MedicationRequest> medications,
        List<Procedure> procedures, List<Appointment> appointments, List<Observation> observations, List<String> notes) {

    public FhirData {
        conditions = List.copyOf(conditions);
        medications = List.copyOf(medications);
        procedures = List.copyOf(procedures);
        appointments = List.copyOf(appointments);
        observations = List.copyOf(observations);
        notes = List.copyOf(notes);
    }
}
