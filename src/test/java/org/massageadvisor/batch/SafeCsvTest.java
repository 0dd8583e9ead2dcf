package org.massageadvisor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.io.SafeCsv;

/** OWASP CSV injection: a cell a spreadsheet would run as a formula is prefixed with ' and quoted. */
class SafeCsvTest {

    @Test
    void formulaCellsAreNeutralisedAndQuotedOthersAreLeftAlone() {
        assertThat(SafeCsv.row("=1+1", "+1", "-1", "@A1", "\tx", "\rx", "plain", 5, null, "a,b"))
                .isEqualTo("\"'=1+1\",\"'+1\",\"'-1\",\"'@A1\",\"'\tx\",\"'\rx\",plain,5,,\"a,b\"\n");
    }

    @Test
    void theErrorReportNeutralisesEveryTextCell() {
        BatchError e = BatchError.of(3, new InputException(new Position("=HYPERLINK(\"x\").csv", 2, 1), "@SUM(1) is not a field"));
        assertThat(e.csvRow()).isEqualTo("3,\"'=HYPERLINK(\"\"x\"\").csv\",2,1,,\"'@SUM(1) is not a field\"\n");
    }
}
