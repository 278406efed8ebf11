package io.tollgate.hooks.boundary;

import io.tollgate.errors.DomainException;
import io.tollgate.errors.NotFound;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.net.ClientAddress;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.boundary.ProblemResponses;
import io.tollgate.problems.boundary.UnexpectedExceptionMapper;
import io.tollgate.problems.entity.Problem;
import io.tollgate.storage.boundary.DatabaseProbe;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /mqtt/{hookKey}/{contract}/{endpoint}}: the brokers' auth hooks (spec section 9), outside the
 * API (no bearer: the key in the path is the credential, since two contracts cannot send headers).
 * The key is resolved first, so an unknown or replaced key is the same 404 on every path and method
 * under it (and wrong keys are throttled per client address, 429); then the endpoint (404), the method
 * (405, only POST), the body (400, 413) and the contract's adapter. Every error is the API's error
 * body; nothing here ever writes the key to a log, a metric or the usage log (a failure's log line
 * names an error id and the exception, never the request's path).
 */
@WebServlet(name = "HookServlet", urlPatterns = "/mqtt/*")
public class HookServlet extends HttpServlet {

    static final String PREFIX = "/mqtt/";

    @Inject
    HookKeys keys;

    @Inject
    ClientAddress clientAddress;

    @Inject
    DatabaseProbe database;

    @Inject
    @Any
    Instance<Contract> contracts;

    private volatile Map<String, Contract> byName;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String[] parts = path.startsWith(PREFIX) ? path.substring(PREFIX.length()).split("/", -1) : new String[] {""};
            HookedBroker broker = keys.resolve(parts[0], clientAddress.of(request));
            Contract contract = parts.length == 3 ? contracts().get(parts[1]) : null;
            if (contract == null || !contract.endpoints().contains(parts[2])) {
                throw new NotFound("no such resource");
            }
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                ProblemResponses.write(response, Problem.of(405, "method not allowed on this resource"));
                return;
            }
            HookBody body = HookBody.read(contract.format(), request.getContentType(), request.getContentLengthLong(),
                    request.getInputStream());
            write(response, contract.answer(parts[2], body, broker));
        } catch (DomainException refused) {
            ProblemResponses.write(response, DomainExceptionMapper.problemOf(refused));
        } catch (RuntimeException unexpected) {
            // a 503 during a database outage (one line each), else a 500 logged with an error id: as the API
            ProblemResponses.write(response, UnexpectedExceptionMapper.problemFor(unexpected, database));
        }
    }

    private Map<String, Contract> contracts() {
        Map<String, Contract> known = byName;
        if (known == null) {
            known = contracts.stream().collect(Collectors.toUnmodifiableMap(Contract::name, Function.identity()));
            byName = known;
        }
        return known;
    }

    private static void write(HttpServletResponse response, HookReply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(reply.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
