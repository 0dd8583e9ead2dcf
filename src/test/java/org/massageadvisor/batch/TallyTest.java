package org.massageadvisor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** The end-of-batch summary writes intervals and numbers the way every other command does. */
class TallyTest {

    private static Recommendation recommended(int min, int max) {
        return new Recommendation("c", Status.RECOMMENDED, new Interval(min, max), List.of(), List.of(), null, "sha256:x", List.of());
    }

    @Test
    void intervalsReadAsEvaluateWritesThemAndCountsAreGrouped() {
        Tally tally = new Tally();
        for (int i = 0; i < 1234; i++) {
            tally.add(recommended(2, 2));
        }
        tally.add(recommended(3, 7));
        StringWriter text = new StringWriter();
        tally.print(new PrintWriter(text, true), 2.0);
        assertThat(text.toString())
                .contains("Records: 1,235 read, 1,235 evaluated, 0 rejected (2.0 s, 618 records/s)")
                .containsPattern("(?m)^  2 days +1,234 #")
                .containsPattern("(?m)^  3-7 days +1 #")
                .doesNotContain("2-2");
    }

    @Test
    void aWarningCodeCountsOnceARecordWhateverItsSubjects() {
        Tally tally = new Tally();
        IssuedWarning saddle = new IssuedWarning("CONSULT_DOCTOR", "SADDLE_NUMBNESS", "m", "r", "critical");
        IssuedWarning fever = new IssuedWarning("CONSULT_DOCTOR", "FEVER", "m", "r", "critical");
        IssuedWarning frailty = new IssuedWarning("FRAILTY_PRECAUTION", null, "m", "r", "warning");
        tally.add(new Recommendation("a", Status.REFER, null, List.of(saddle, fever, frailty), List.of(), null, "sha256:x", List.of()));
        tally.add(new Recommendation("b", Status.REFER, null, List.of(fever), List.of(), null, "sha256:x", List.of()));
        assertThat(tally.byWarning).containsExactly(entry("CONSULT_DOCTOR", 2L), entry("FRAILTY_PRECAUTION", 1L));
    }
}
