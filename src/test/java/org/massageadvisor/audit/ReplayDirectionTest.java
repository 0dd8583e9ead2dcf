package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Which way a replayed decision moved, as a clinician reads it, from the logged output and the new one. */
class ReplayDirectionTest {

    private static JsonNode out(String json) throws Exception {
        return AuditLog.MAPPER.readTree(json);
    }

    private static JsonNode interval(int min, int max) throws Exception {
        return out("{\"status\":\"RECOMMENDED\",\"interval\":{\"minDays\":" + min + ",\"maxDays\":" + max + "},\"warnings\":[]}");
    }

    @Test
    void intervalsReferralsAndTheRest() throws Exception {
        JsonNode refer = out("{\"status\":\"REFER\",\"interval\":null,\"warnings\":[{\"code\":\"SEE_A_DOCTOR\"}]}");
        assertThat(AuditReplay.direction(interval(7, 14), interval(8, 14))).isEqualTo("longer");
        assertThat(AuditReplay.direction(interval(7, 14), interval(8, 16))).isEqualTo("longer");
        assertThat(AuditReplay.direction(interval(7, 14), interval(7, 12))).isEqualTo("shorter");
        assertThat(AuditReplay.direction(interval(7, 14), interval(8, 12))).as("narrower: neither").isEqualTo("other");
        assertThat(AuditReplay.direction(interval(7, 14), refer)).isEqualTo("now referred");
        assertThat(AuditReplay.direction(refer, interval(7, 14))).isEqualTo("no longer referred");
        JsonNode warned = out("{\"status\":\"RECOMMENDED\",\"interval\":{\"minDays\":7,\"maxDays\":14},\"warnings\":[{\"code\":\"ALLOW_RECOVERY\"}]}");
        assertThat(AuditReplay.direction(interval(7, 14), warned)).as("same interval, new warning").isEqualTo("other");
    }
}
