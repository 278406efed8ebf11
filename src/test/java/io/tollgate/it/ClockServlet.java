package io.tollgate.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /it-clock?ahead_ms=N}: the test deployment's clock ({@link MovableNow}) runs N ms ahead of
 * the real one from now on (0: the real time again). A test class, never in the WAR that ships.
 */
@WebServlet("/it-clock")
public class ClockServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        MovableNow.AHEAD.set(Long.parseLong(request.getParameter("ahead_ms")));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
