package io.tollgate.projects.boundary;

import io.tollgate.projects.entity.Project;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import jakarta.validation.constraints.NotNull;

/** The body of a project create; {@code name} is normalised (stripped, NFC) before it is validated. */
public record ProjectRequest(@NotNull(message = "is required") @Text(max = Project.MAX_NAME) String name) {

    public ProjectRequest {
        name = TextValidator.normalize(name);
    }
}
