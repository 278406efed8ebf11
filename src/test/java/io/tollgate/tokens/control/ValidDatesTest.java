package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.errors.InvalidField;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.entity.Problem;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidDatesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long NOW_MILLIS = 1_767_225_600_000L;
    private static final long DAY = 86_400_000L;
    private static final Duration DEFAULT = Duration.ofDays(30);
    private static final Duration MAX = Duration.ofDays(365);

    private static Problem rejected(Executable call) {
        InvalidField e = assertThrows(InvalidField.class, call);
        Problem problem = DomainExceptionMapper.problemOf(e);
        assertEquals(400, problem.status());
        assertEquals("VALIDATION_FAILED", problem.code());
        assertEquals("valid_date", problem.info().get("field"));
        return problem;
    }

    private static long resolve(String requested, Long creatorLimit) {
        return ValidDates.resolve(requested, NOW, DEFAULT, MAX, creatorLimit);
    }

    @Test
    void isoInstantParsesToItsEpochMillis() {
        assertEquals(1_814_313_600_000L, ValidDates.parse("2027-06-30T00:00:00Z"));
    }

    @Test
    void isoInstantKeepsMilliseconds() {
        assertEquals(1_814_313_600_123L, ValidDates.parse("2027-06-30T00:00:00.123Z"));
    }

    @Test
    void isoInstantWithOffsetIsConvertedToUtc() {
        assertEquals(1_814_313_600_000L, ValidDates.parse("2027-06-30T02:00:00+02:00"));
    }

    @Test
    void isoDateMeansTheLastMillisecondOfThatDayInUtc() {
        assertEquals(1_814_313_600_000L + DAY - 1, ValidDates.parse("2027-06-30"));
        assertEquals(Instant.parse("2027-06-30T23:59:59.999Z").toEpochMilli(), ValidDates.parse("2027-06-30"));
    }

    @Test
    void isoDateOnLeapDayIsAccepted() {
        assertEquals(Instant.parse("2028-02-29T23:59:59.999Z").toEpochMilli(), ValidDates.parse("2028-02-29"));
    }

    @Test
    void digitsAreEpochMillis() {
        assertEquals(1_814_400_000_000L, ValidDates.parse("1814400000000"));
        assertEquals(1L, ValidDates.parse("1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tomorrow", "2027-13-01", "2027-02-30", "2027-6-30", "30.06.2027",
        "06/30/2027", "2027-06-30T00:00:00", "2027-06-30T25:00:00Z", "2027-06-30 00:00:00Z", "-1",
        "+1814400000000", "1814400000000.5", "1.8144e12", "0x1A", "12345678901234567890",
        "99999999999999999999999999", "\u0661\u0662\u0663", "1814400000000ms", "null"})
    void badValidDateIsRejectedWith400(String text) {
        rejected(() -> ValidDates.parse(text));
    }

    @Test
    void absentValidDateIsNowPlusDefaultLifetime() {
        assertEquals(NOW_MILLIS + 30 * DAY, resolve(null, null));
    }

    @Test
    void absentValidDateIsCappedByMaxLifetime() {
        assertEquals(NOW_MILLIS + 365 * DAY,
                ValidDates.resolve(null, NOW, Duration.ofDays(400), MAX, null));
    }

    @Test
    void absentValidDateIsCappedByCreatorExpiry() {
        long creatorLimit = NOW_MILLIS + 10 * DAY;
        assertEquals(creatorLimit, resolve(null, creatorLimit));
    }

    @Test
    void absentValidDateIgnoresLaterCreatorExpiry() {
        assertEquals(NOW_MILLIS + 30 * DAY, resolve(null, NOW_MILLIS + 100 * DAY));
    }

    @Test
    void requestedValidDateInRangeIsKept() {
        assertEquals(NOW_MILLIS + 100 * DAY, resolve(Long.toString(NOW_MILLIS + 100 * DAY), null));
    }

    @Test
    void requestedIsoDateInRangeIsKept() {
        assertEquals(Instant.parse("2026-06-30T23:59:59.999Z").toEpochMilli(), resolve("2026-06-30", null));
    }

    @Test
    void validDateOneMillisecondAheadIsAccepted() {
        assertEquals(NOW_MILLIS + 1, resolve(Long.toString(NOW_MILLIS + 1), null));
    }

    @Test
    void validDateEqualToNowMustLieInTheFuture() {
        Problem problem = rejected(() -> resolve(Long.toString(NOW_MILLIS), null));
        assertTrue(problem.message().contains("must lie in the future"), problem.message());
    }

    @Test
    void validDateInThePastMustLieInTheFuture() {
        Problem problem = rejected(() -> resolve("2025-12-31T23:59:59Z", null));
        assertTrue(problem.message().contains("must lie in the future"), problem.message());
        rejected(() -> resolve("2025-12-31", null));
        rejected(() -> resolve("0", null));
    }

    @Test
    void validDateExactlyAtMaxLifetimeIsAccepted() {
        assertEquals(NOW_MILLIS + 365 * DAY, resolve(Long.toString(NOW_MILLIS + 365 * DAY), null));
    }

    @Test
    void validDateBeyondMaxLifetimeIsRejected() {
        rejected(() -> resolve(Long.toString(NOW_MILLIS + 365 * DAY + 1), null));
        rejected(() -> resolve("2027-06-30T00:00:00Z", null));
    }

    @Test
    void validDateBeyondMaxLifetimeIsRejectedEvenIfCreatorLivesLonger() {
        rejected(() -> resolve(Long.toString(NOW_MILLIS + 400 * DAY), NOW_MILLIS + 500 * DAY));
    }

    @Test
    void validDateAtCreatorExpiryIsAccepted() {
        long creatorLimit = NOW_MILLIS + 10 * DAY;
        assertEquals(creatorLimit, resolve(Long.toString(creatorLimit), creatorLimit));
    }

    @Test
    void validDateBeyondCreatorExpiryIsRejected() {
        long creatorLimit = NOW_MILLIS + 10 * DAY;
        rejected(() -> resolve(Long.toString(creatorLimit + 1), creatorLimit));
    }

    @Test
    void unparseableRequestedValidDateIsRejectedByResolve() {
        rejected(() -> resolve("next week", null));
    }
}
