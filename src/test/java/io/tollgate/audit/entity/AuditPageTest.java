package io.tollgate.audit.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.errors.InvalidField;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditPageTest {

    @Test
    void absentParametersMeanTheNewestHundred() {
        assertEquals(new AuditPage(100, Long.MAX_VALUE), AuditPage.of(null, null));
    }

    @Test
    void limitFromOneToAThousandAndBeforeAsEpochMillis() {
        assertEquals(new AuditPage(1, 0), AuditPage.of("1", "0"));
        assertEquals(new AuditPage(1000, 1795000000000L), AuditPage.of("1000", "1795000000000"));
    }

    @Test
    void anythingElseIsA400NamingTheParameter() {
        for (String limit : List.of("0", "1001", "-1", "+5", "", "1.5", "ten", "\u0661", "99999999999999999999")) {
            InvalidField refused = assertThrows(InvalidField.class, () -> AuditPage.of(limit, null), limit);
            assertEquals("limit", refused.field());
        }
        for (String before : List.of("-1", "+5", "", "1e3", "2026-11-28", "\u0661", "9999999999999999999")) {
            InvalidField refused = assertThrows(InvalidField.class, () -> AuditPage.of(null, before), before);
            assertEquals("before", refused.field());
        }
    }
}
