package io.tollgate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The project says one licence everywhere a user or a tool looks for it: Apache-2.0. */
class LicenseTest {

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    @Test
    void licenseFileIsTheApacheLicenseTwoPointZeroText() throws IOException {
        String license = read("LICENSE");
        assertTrue(license.contains("Apache License\n                           Version 2.0, January 2004"), "the licence's own heading");
        assertTrue(license.contains("END OF TERMS AND CONDITIONS"), "the whole text, not an excerpt");
    }

    @Test
    void pomOpenApiAndReadmeNameTheSameLicence() throws IOException {
        assertTrue(read("pom.xml").contains("<name>Apache-2.0</name>"), "pom.xml <licenses>");
        String openapi = read("src/main/resources/META-INF/openapi.yaml");
        assertTrue(openapi.contains("  license:\n    name: Apache-2.0\n"), "the OpenAPI document's info.license");
        assertTrue(read("README.md").contains("[Apache License 2.0](LICENSE)"), "the README says it and links the file");
    }
}
