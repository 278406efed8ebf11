package io.tollgate.requests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.brokers.boundary.BrokerRequest;
import io.tollgate.members.boundary.MemberRequest;
import io.tollgate.problems.boundary.ConstraintViolationExceptionMapper;
import io.tollgate.problems.entity.Problem;
import io.tollgate.projects.boundary.ProjectRequest;
import io.tollgate.users.boundary.UserRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The custom constraints and the violation mapper, on Hibernate Validator (the runtime's implementation). */
class RequestConstraintsTest {

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    /** The problem the API answers for this request, or {@code null} if it is valid. */
    private static Problem problem(Object request) {
        var violations = VALIDATOR.validate(request);
        return violations.isEmpty() ? null
                : ConstraintViolationExceptionMapper.problemOf(new ConstraintViolationException(violations));
    }

    private static void refused(String field, Object request) {
        Problem problem = problem(request);
        assertEquals(400, problem == null ? 200 : problem.status(), request::toString);
        assertEquals("VALIDATION_FAILED", problem.code());
        assertEquals(field, problem.info().get("field"), request::toString);
        assertTrue(problem.message().startsWith(field + " "), problem::message);
    }

    @Test
    void textCountsCodePointsNotUtf16Units() {
        String sixtyFourRockets = "\uD83D\uDE80".repeat(64);
        assertEquals(null, problem(new ProjectRequest(sixtyFourRockets)));
        refused("name", new ProjectRequest(sixtyFourRockets + "x"));
    }

    @Test
    void textIsStrippedAndComposedBeforeItIsCounted() {
        ProjectRequest request = new ProjectRequest("  e\u0301  ");
        assertEquals("\u00e9", request.name());
        assertEquals(null, problem(request));
        refused("name", new ProjectRequest(" \t "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "\u200d", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u2028", "\u2029"})
    void textRefusesInvisibleFormatCharactersEvenAtTheEnds(String invisible) {
        refused("name", new ProjectRequest("a-admin" + invisible));
        refused("name", new ProjectRequest(invisible + "a-admin"));
        assertTrue(problem(new ProjectRequest("a" + invisible + "b")).message().contains("invisible"));
    }

    @Test
    void textRefusesControlCharactersInside() {
        Problem problem = problem(new ProjectRequest("a\u0007b"));
        assertEquals("name must not contain control characters", problem.message());
    }

    @Test
    void missingFieldIsRequired() {
        assertEquals("name is required", problem(new ProjectRequest(null)).message());
    }

    @Test
    void brokerUrlUsesBrokerUrlsRulesAndMessages() {
        assertEquals(null, problem(new BrokerRequest("b", "mqtt://h:1883")));
        refused("url", new BrokerRequest("b", "http://h"));
        assertEquals("url must not carry credentials",
                problem(new BrokerRequest("b", "mqtt://user:pw@h:1883")).message());
    }

    @Test
    void firstFieldInDeclarationOrderIsReportedWhenSeveralAreBroken() {
        for (int i = 0; i < 20; i++) {
            refused("name", new BrokerRequest("", "http://h"));
            refused("username", new UserRequest(null, null));
        }
    }

    @Test
    void usernameFollowsThePatternAndRootIsReserved() {
        String password = "p".repeat(12);
        assertEquals(null, problem(new UserRequest("alice.b-c_1", password)));
        for (String username : new String[] {"ab", "Upper", "with space", "\u00e5-x", "x".repeat(65)}) {
            refused("username", new UserRequest(username, password));
        }
        assertEquals("username 'root' is reserved", problem(new UserRequest("root", password)).message());
    }

    @Test
    void passwordLengthCountsCodePointsAndIsNotStripped() {
        refused("password", new UserRequest("alice", "p".repeat(11)));
        assertEquals(null, problem(new UserRequest("alice", "\uD83D\uDD11".repeat(12))));
        refused("password", new UserRequest("alice", "\uD83D\uDD11".repeat(5) + "x"));
        assertEquals(" p".repeat(6), new UserRequest("alice", " p".repeat(6)).password());
    }

    @Test
    void memberRoleMustBeRequestable() {
        assertEquals(null, problem(new MemberRequest("viewer")));
        for (String role : new String[] {"root", "owner", "Admin", ""}) {
            refused("role", new MemberRequest(role));
        }
        assertEquals("role must be admin, editor or viewer", problem(new MemberRequest("root")).message());
    }

    @Test
    void camelCaseComponentIsNamedInSnakeCase() {
        record Dated(@jakarta.validation.constraints.NotNull(message = "is required") String validDate) {
        }
        refused("valid_date", new Dated(null));
    }
}
