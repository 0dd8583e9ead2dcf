package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.massageadvisor.client.InputException;

class PostgresUrlTest {

    @Test
    void theUserHostPortAndDatabaseBecomeAJdbcUrl() {
        PostgresUrl url = PostgresUrl.parse("postgresql://clinic@db.example:6543/decisions");
        assertThat(url).isEqualTo(new PostgresUrl("clinic", "db.example", 6543, "decisions", null));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/decisions");
        assertThat(url.toString()).isEqualTo("postgresql://clinic@db.example:6543/decisions");
    }

    @Test
    void thePortDefaultsTo5432AndASchemaKeepsSeveralLogsInOneDatabase() {
        PostgresUrl url = PostgresUrl.parse("postgresql://clinic@127.0.0.1/decisions?schema=north_site");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.schema()).isEqualTo("north_site");
        assertThat(url.toString()).isEqualTo("postgresql://clinic@127.0.0.1:5432/decisions?schema=north_site");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://clinic:s3cret@127.0.0.1:5432/decisions"))
                .isInstanceOf(InputException.class).hasMessageContaining("PGPASSWORD").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://clinic@127.0.0.1:5432/decisions?password=s3cret"))
                .isInstanceOf(InputException.class).hasMessageContaining("~/.pgpass").hasMessageNotContaining("s3cret");
    }

    @Test
    void aHostileSchemaNameOrAnUnknownParameterIsRefused() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://c@h:1/d?schema=x;DROP%20TABLE%20decisions"))
                .isInstanceOf(InputException.class).hasMessageContaining("must be a plain name");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://c@h:1/d?sslmode=disable"))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown parameter (sslmode)");
    }

    @Test
    void aUrlWithoutHostOrDatabaseSaysWhatIsMissing() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://c@h:1/")).hasMessageContaining("no database name");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql:///d")).hasMessageContaining("no host");
    }
}
