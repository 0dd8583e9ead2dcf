package org.massageadvisor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.recommendation.Window;

/** lastMassageDate: an ISO date, real, not after today; a RECOMMENDED answer then carries its window. */
class LastMassageDateTest {

    /** "Today" is 2026-11-30 for every test here. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private final ProfileReader reader = new ProfileReader(TestRules.evaluator().ruleBase().vocabulary(), TODAY);

    private Client yaml(String date) {
        return reader.read(Node.read(ProfileReader.mapperFor("p.yaml"), new StringReader("""
                goal: CHRONIC_PAIN
                massageType: DEEP_TISSUE
                bodyResponse: [SORE]
                activityLevel: SEDENTARY
                lastMassageDate: %s
                """.formatted(date)), "p.yaml"));
    }

    @Test
    void aPastDateIsRead() {
        assertThat(yaml("2026-11-20").lastMassageDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void todayIsAllowed() {
        assertThat(yaml("'2026-11-30'").lastMassageDate()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void tomorrowIsBadInput() {
        assertThatThrownBy(() -> yaml("2026-12-01")).isInstanceOf(InputException.class)
                .hasMessage("p.yaml:5:18: field 'lastMassageDate': in the future (2026-12-01); today is 2026-11-30");
    }

    @Test
    void aDateThatDoesNotExistIsBadInput() {
        assertThatThrownBy(() -> yaml("2026-02-30")).isInstanceOf(InputException.class)
                .hasMessage("p.yaml:5:18: field 'lastMassageDate': not a real date (2026-02-30)");
    }

    @Test
    void anythingButYyyyMmDdIsBadInput() {
        assertThatThrownBy(() -> yaml("30/11/2026")).isInstanceOf(InputException.class)
                .hasMessageContaining("field 'lastMassageDate': expected a date as YYYY-MM-DD, got a text (30/11/2026)");
        assertThatThrownBy(() -> yaml("20261130")).isInstanceOf(InputException.class)
                .hasMessageContaining("expected a date as YYYY-MM-DD, got a number (20261130)");
    }

    @Test
    void aRecommendationCarriesTheWindowFromTheLastDate() {
        // Deep tissue for chronic pain, sore: 5-7 days (README worked example), so 20 Nov + 5 and + 7.
        Recommendation r = TestRules.evaluator().evaluate(yaml("2026-11-20"), false);
        assertThat(r.interval().minDays()).isEqualTo(5);
        assertThat(r.window()).isEqualTo(new Window(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27)));
    }

    @Test
    void withoutADateThereIsNoWindow() {
        Recommendation r = TestRules.evaluator().evaluate(yaml("null"), false);
        assertThat(r.window()).isNull();
    }

    @Test
    void aReferralHasNoWindowEvenWithADate() {
        Client blocked = new Client(null, "INJURY_RECOVERY", "SWEDISH", null, null, "MODERATE", false, false, 0, null)
                .withLastMassageDate(LocalDate.of(2026, 11, 20));
        Recommendation r = TestRules.evaluator().evaluate(blocked, false);
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(r.window()).isNull();
    }

    @Test
    void theWindowIsJsonBetweenIntervalAndWarningsAndTheDateRoundTrips() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Recommendation r = TestRules.evaluator().evaluate(yaml("2026-11-20"), false);
        String text = json.writeValueAsString(r);
        assertThat(text).contains("\"interval\":{\"minDays\":5,\"maxDays\":7},\"window\":{\"earliest\":\"2026-11-25\",\"latest\":\"2026-11-27\"},\"warnings\"");
        Client c = yaml("2026-11-20");
        assertThat(json.readValue(json.writeValueAsString(c), Client.class)).isEqualTo(c);
        assertThat(json.writeValueAsString(c.withLastMassageDate(null))).doesNotContain("lastMassageDate");
    }
}
