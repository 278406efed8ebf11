package io.tollgate.problems.boundary;

import io.tollgate.problems.entity.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Error page for everything outside JAX-RS (static files, the servlet container itself), declared
 * in web.xml, so that no client ever sees the container's HTML error page.
 */
@WebServlet(name = "ErrorServlet", urlPatterns = "/_error")
public class ErrorServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 404;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Problem problem;
        if (status >= 500 || failure != null) {
            String errorId = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure, error_id=" + errorId, failure);
            problem = Problem.internalError(errorId);
        } else {
            problem = Problem.of(status, switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed on this resource";
                case 406 -> "this resource has no representation the client accepts";
                default -> "request failed";
            });
        }
        ProblemResponses.write(response, problem);
    }
}
