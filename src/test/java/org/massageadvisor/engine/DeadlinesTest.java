package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void durationsAsWrittenOnTheCommandLine() {
        assertThat(Deadlines.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Deadlines.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Deadlines.parse(" 250ms ")).isEqualTo(Duration.ofMillis(250));
        assertThat(Deadlines.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Deadlines.format(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Deadlines.format(Duration.ofMillis(250))).isEqualTo("250 ms");
    }

    @Test
    void anythingElseIsRefusedWithTheWayToWriteIt() {
        assertThatThrownBy(() -> Deadlines.parse("soon")).hasMessage("not a duration (soon); write it as 1s, 1.5s or 250ms");
        assertThatThrownBy(() -> Deadlines.parse("0s")).hasMessage("the deadline must be more than zero (0s)");
        assertThatThrownBy(() -> Deadlines.parse("-1ms")).hasMessage("the deadline must be more than zero (-1ms)");
    }
}
