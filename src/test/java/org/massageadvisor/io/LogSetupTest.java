package org.massageadvisor.io;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging is set in code: the engine speaks only of warnings, the service of its reloads, to standard error. */
class LogSetupTest {

    @Test
    void theProgramsLoggingIsInForceWithoutAnXmlFile() {
        assertThat(LogSetup.class.getResource("/logback.xml")).isNull();
        assertThat(LoggerFactory.getLogger("org.drools.core.SomeClass").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.drools.core.SomeClass").isWarnEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("org.massageadvisor.service.DecisionService").isInfoEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("org.massageadvisor.web.workbench.Login").isWarnEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("org.massageadvisor.web.workbench.Login").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool").isErrorEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.drools.compiler.kie.builder.impl.KieBuilderImpl").isErrorEnabled()).isFalse();

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) appender).getTarget()).isEqualTo("System.err");
    }
}
