package io.tollgate.runtime.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class QuietContainerLogsTest {

    @Test
    void grizzlysTraceForABadPercentEscapeBecomesOneInfoLine() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad escape");
        thrown.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.glassfish.grizzly.http.util.URLDecoder", "decode", "URLDecoder.java", 1)});
        LogRecord record = new LogRecord(Level.SEVERE, "Internal error");
        record.setThrown(thrown);
        assertTrue(QuietContainerLogs.shorten(record));
        assertEquals(Level.INFO, record.getLevel());
        assertNull(record.getThrown());
        assertEquals("Refused a malformed request: bad percent-encoding in the path", record.getMessage());
    }

    @Test
    void anyOtherRecordPassesUnchanged() {
        RuntimeException thrown = new IllegalArgumentException("ours");
        LogRecord record = new LogRecord(Level.WARNING, "something");
        record.setThrown(thrown);
        assertTrue(QuietContainerLogs.shorten(record));
        assertEquals(Level.WARNING, record.getLevel());
        assertSame(thrown, record.getThrown());
        assertEquals("something", record.getMessage());
    }
}
