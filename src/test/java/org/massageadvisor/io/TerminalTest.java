package org.massageadvisor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Control characters from files are shown, not obeyed, by the terminal. */
class TerminalTest {

    @Test
    void controlCharactersAreEscapedLineEndsAndTabsKept() {
        assertThat(Terminal.escape("a\rb\u001b[31mc\u0007\u007f\u009b\u202e\u2066d\n\te"))
                .isEqualTo("a\\rb\\u001b[31mc\\u0007\\u007f\\u009b\\u202e\\u2066d\n\te");
        assertThat(Terminal.escape("plain text, ünïcödé")).isEqualTo("plain text, ünïcödé");
        assertThat(Terminal.oneLine("x\ny\tz\r")).isEqualTo("x\\ny\\tz\\r");
    }

    @Test
    void theEscapingWriterEscapesEverythingWrittenAndTheRawOneNothing() {
        StringWriter target = new StringWriter();
        PrintWriter escaping = Terminal.escaping(new PrintWriter(target, true));
        escaping.println("id \u001b[2J");
        escaping.print('\r');
        escaping.printf("%s%n", "\u001b");
        escaping.flush();
        Terminal.raw(escaping).print("\r[###]");
        Terminal.raw(escaping).flush();
        assertThat(target.toString()).isEqualTo("id \\u001b[2J" + System.lineSeparator() + "\\r\\u001b" + System.lineSeparator() + "\r[###]");
        assertThat(Terminal.escaping(escaping)).isSameAs(escaping);
    }
}
