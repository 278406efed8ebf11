package io.tollgate.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.errors.NotFound;
import io.tollgate.problems.entity.Problem;
import io.tollgate.storage.boundary.DatabaseProbe;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    private static UnexpectedExceptionMapper mapper(boolean databaseUp) {
        UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();
        mapper.database = new DatabaseProbe() {
            @Override
            public boolean isUp() {
                return databaseUp;
            }
        };
        return mapper;
    }


    @Test
    void anUnexpectedFailureIsAGeneric500WhoseErrorIdTheLogRepeats() {
        JsonObject body = mapper(true).problemFor(new IllegalStateException("secret detail tg_abc")).toJson();
        assertEquals("INTERNAL_ERROR", body.getString("code"));
        assertEquals(500, body.getInt("status"));
        String errorId = body.getJsonObject("info").getString("error_id");
        assertFalse(body.toString().contains("secret detail"), "no detail reaches the client");
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains(errorId), "the log line repeats the error id");
    }

    @Test
    void aWrappedDecidedFailureKeepsItsStatus() {
        Problem problem = mapper(true).problemFor(new RuntimeException(new NotFound("no such thing")));
        assertEquals(404, problem.status());
        assertEquals("NOT_FOUND", problem.code());
        assertTrue(logged.isEmpty());
    }

    @Test
    void aFailureWhileTheDatabaseIsDownIsA503() {
        Problem problem = mapper(false).problemFor(new IllegalStateException("connection refused"));
        assertEquals(503, problem.status());
        assertEquals("SERVICE_UNAVAILABLE", problem.code());
    }

    @Test
    void anOutageLogsOneStackTraceAndThenOneShortLinePerFailure() {
        UnexpectedExceptionMapper mapper = mapper(false);
        RuntimeException failure = new RuntimeException("Exception [EclipseLink-4002]\nInternal Exception: ...\nCall: SELECT 1",
                new IllegalStateException("Connection to 127.0.0.1:5432 refused.\nCheck the host"));
        for (int request = 0; request < 5; request++) {
            assertEquals(503, mapper.problemFor(failure).status());
        }
        assertEquals(5, logged.size());
        assertEquals(failure, logged.get(0).getThrown(), "the outage's first failure, with its stack trace");
        for (LogRecord next : logged.subList(1, logged.size())) {
            assertEquals(null, next.getThrown());
            String line = java.text.MessageFormat.format(next.getMessage(), next.getParameters());
            assertEquals("Database unavailable (503): IllegalStateException: Connection to 127.0.0.1:5432 refused.", line);
        }
    }

    @Test
    void aShortLineIsOneLineOfBoundedLength() {
        String brief = UnexpectedExceptionMapper.briefly(new RuntimeException(new IllegalStateException("x".repeat(500))));
        assertEquals(UnexpectedExceptionMapper.BRIEF, brief.length());
        assertTrue(brief.startsWith("IllegalStateException: xxx"), brief);
        assertEquals("NullPointerException", UnexpectedExceptionMapper.briefly(new NullPointerException()));
    }
}
