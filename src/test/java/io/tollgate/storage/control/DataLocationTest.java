package io.tollgate.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The start summary's "data:" line: where the data lives, never a credential. */
class DataLocationTest {

    @Test
    void theEmbeddedDefaultIsItsFile() {
        String expected = "H2 file " + Path.of("data/tollgate.mv.db").toAbsolutePath();
        assertEquals(expected, DataLocation.of("jdbc:h2:file:./data/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE"));
        assertEquals("H2 file /srv/tollgate/tollgate.mv.db", DataLocation.of("jdbc:h2:/srv/tollgate/tollgate"));
        assertEquals("H2 in memory (lost at exit)", DataLocation.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
    }

    @Test
    void postgresqlIsItsDatabaseAndHost() {
        assertEquals("PostgreSQL database tollgate at 127.0.0.1:55432",
                DataLocation.of("jdbc:postgresql://127.0.0.1:55432/tollgate"));
        assertEquals("PostgreSQL database tollgate at db1:5432,db2:5432",
                DataLocation.of("jdbc:postgresql://db1:5432,db2:5432/tollgate?targetServerType=primary"));
        assertEquals("PostgreSQL database tollgate on localhost", DataLocation.of("jdbc:postgresql:tollgate"));
    }

    @Test
    void noCredentialOfTheUrlIsShown() {
        String shown = DataLocation.of("jdbc:postgresql://admin:s3cret@db:5432/tollgate?user=tollgate&password=hunter2");
        assertEquals("PostgreSQL database tollgate at db:5432", shown);
        assertFalse(DataLocation.of("jdbc:h2:file:./data/x;PASSWORD=hunter2").contains("hunter2"));
        assertFalse(DataLocation.of("jdbc:h2:tcp://sa:pw@host/db;PASSWORD=hunter2").contains("pw"));
    }
}
