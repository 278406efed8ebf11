package io.tollgate.requests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.auth.boundary.LoginRequest;
import io.tollgate.brokers.boundary.BrokerRequest;
import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import io.tollgate.members.boundary.MemberRequest;
import io.tollgate.projects.boundary.ProjectRequest;
import io.tollgate.tokens.boundary.LeakReport;
import io.tollgate.tokens.boundary.RotateBody;
import io.tollgate.tokens.boundary.SuspendBody;
import io.tollgate.tokens.boundary.TokenBody;
import io.tollgate.tokens.boundary.TokenPatch;
import io.tollgate.users.boundary.UserRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one strict reader of request bodies into request records: names, types, nulls, unknown fields. */
class RequestRecordsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    private static String refusedField(String text, Class<? extends Record> type) {
        return assertThrows(InvalidField.class, () -> RequestRecords.read(json(text), type), text).field();
    }

    @Test
    void componentsAreTheirSnakeCaseFieldsInOrder() {
        TokenBody body = RequestRecords.read(json("{'allowed_ips': ['192.0.2.1'], 'valid_date': '2027-01-01',"
                + " 'name': ' n ', 'role': 'viewer', 'type': 'restricted', 'brokers': ['b1']}"), TokenBody.class);
        assertEquals(new TokenBody("n", "viewer", "restricted", List.of("b1"), "2027-01-01", List.of("192.0.2.1")),
                body);
    }

    @Test
    void nullAndAbsentAreTheSame() {
        assertEquals(new RotateBody(null, null), RequestRecords.read(json("{'grace_seconds': null}"), RotateBody.class));
        assertEquals(new RotateBody(null, null), RequestRecords.read(json("{}"), RotateBody.class));
        assertNull(RequestRecords.read(json("{'reason': null}"), SuspendBody.class).reason());
    }

    @Test
    void anUnknownFieldIsRefusedByItsName() {
        assertEquals("graceSeconds", refusedField("{'graceSeconds': 5}", RotateBody.class));
        assertEquals("extra", refusedField("{'name': 'p', 'extra': 1}", ProjectRequest.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'grace_seconds': '5'}", "{'grace_seconds': 5.0}", "{'grace_seconds': true}",
            "{'grace_seconds': 99999999999999999999}", "{'grace_seconds': [5]}"})
    void aWholeNumberIsNeverCoerced(String text) {
        assertEquals("grace_seconds", refusedField(text, RotateBody.class));
    }

    @Test
    void aWholeNumberIsRead() {
        assertEquals(3600L, RequestRecords.read(json("{'grace_seconds': 3600}"), RotateBody.class).graceSeconds());
    }

    @Test
    void textAndListsAreNeverCoerced() {
        assertEquals("name", refusedField("{'name': 42}", ProjectRequest.class));
        assertEquals("tokens", refusedField("{'tokens': 'tg_x'}", LeakReport.class));
        assertEquals("tokens", refusedField("{'tokens': ['tg_x', 7]}", LeakReport.class));
        assertEquals("url", refusedField("{'name': 'b', 'url': {}}", BrokerRequest.class));
        assertEquals("role", refusedField("{'role': ['admin']}", MemberRequest.class));
    }

    @Test
    void theFirstBrokenFieldInDeclarationOrderAnswers() {
        assertEquals("username", refusedField("{'password': 2, 'username': 1}", LoginRequest.class));
        assertEquals("password", refusedField("{'username': 'alice', 'password': 2}", UserRequest.class));
    }

    @Test
    void theRecordsOwnRuleAnswersAfterTheFields() {
        assertEquals("name", refusedField("{}", TokenPatch.class));
        assertEquals("name", refusedField("{'name': null, 'allowed_ips': null}", TokenPatch.class));
        assertEquals("allowed_ips", refusedField("{'allowed_ips': 'x'}", TokenPatch.class));
    }

    @Test
    void noBodyIsMalformed() {
        assertThrows(Malformed.class, () -> RequestRecords.read(null, ProjectRequest.class));
    }

    /** A component no JSON field reads is a programming error, found on the first read, not a 400. */
    record Unreadable(Integer count) {
    }

    @Test
    void aComponentOfAnotherTypeIsRefusedAsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> RequestRecords.read(json("{}"), Unreadable.class));
    }

    @Test
    void jsonNamesAreSnakeCase() {
        assertEquals("valid_date", RequestRecords.jsonName("validDate"));
        assertEquals("allowed_ips", RequestRecords.jsonName("allowedIps"));
        assertEquals("name", RequestRecords.jsonName("name"));
    }
}
