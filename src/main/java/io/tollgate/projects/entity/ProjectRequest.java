package io.tollgate.projects.entity;

import io.tollgate.requests.control.JsonFields;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** The body of a project create; {@code name} is normalised (stripped, NFC) before it is validated. */
public record ProjectRequest(@NotNull(message = "is required") @Text(max = Project.MAX_NAME) String name) {

    public ProjectRequest {
        name = TextValidator.normalize(name);
    }

    public static ProjectRequest from(JsonObject body) {
        return new ProjectRequest(JsonFields.of(body, Set.of("name")).optionalString("name"));
    }
}
