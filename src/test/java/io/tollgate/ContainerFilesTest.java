package io.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container files cannot rot (no container runtime runs here): every file the Dockerfile copies,
 * every environment variable, path and port it and the Kubernetes example name exists in the code,
 * the build and the documentation (README and docs/*.md), and the two agree with each other and with
 * scripts/run.sh.
 */
class ContainerFilesTest {

    private static final Pattern VARIABLE = Pattern.compile("\\b((?:TOLLGATE|MP)_[A-Z0-9_]+)\\b");
    private static final Pattern HEALTH_PATH = Pattern.compile("(/health/[a-z]+)");

    private static String dockerfile;
    private static String kubernetes;
    private static String documentation;
    private static String code;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Files.readString(Path.of("Dockerfile"));
        kubernetes = Files.readString(Path.of("docs/kubernetes.yaml"));
        StringBuilder docs = new StringBuilder(Files.readString(Path.of("README.md")));
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                docs.append('\n').append(Files.readString(page));
            }
        }
        documentation = docs.toString();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> sources = Files.walk(Path.of("src/main"))) {
            for (Path source : sources.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(source)).append('\n');
            }
        }
        code = all.toString();
    }

    @Test
    void everyFileTheImageCopiesComesFromTheRepositoryOrTheBuild() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher copy = Pattern.compile("(?m)^COPY (--from=build )?(.+) (\\S+)$").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            copies++;
            for (String source : copy.group(2).split("\\s+")) {
                if (copy.group(1) == null) {
                    assertTrue(Files.exists(Path.of(source)), "the Dockerfile copies " + source + ", which the repository lacks");
                } else {
                    String built = Path.of(source).getFileName().toString();
                    assertTrue(source.startsWith("/src/target/") && pom.contains(built.replace(".war", "")),
                            "the build stage copies " + source + ", which the Maven build does not make");
                }
            }
        }
        assertTrue(copies >= 5, "the Dockerfile's COPY lines were not found");
        Matcher entry = Pattern.compile("ENTRYPOINT \\[\"([^\"]+)\"").matcher(dockerfile);
        assertTrue(entry.find());
        assertTrue(Files.isExecutable(Path.of(entry.group(1))), entry.group(1));
        assertTrue(dockerfile.contains("COPY " + entry.group(1) + " " + entry.group(1)), "the entry point is in the image");
    }

    @Test
    void everyVariableNamedIsOneTollgateReadsAndTheDocumentationNames() {
        Set<String> named = new TreeSet<>();
        for (String text : List.of(dockerfile, kubernetes)) {
            Matcher variable = VARIABLE.matcher(text);
            while (variable.find()) {
                named.add(variable.group(1));
            }
        }
        assertTrue(named.containsAll(Set.of("TOLLGATE_DATA_DIR", "TOLLGATE_PORT", "TOLLGATE_DB_URL", "TOLLGATE_ROOT_TOKEN")), named.toString());
        List<String> unknown = new ArrayList<>();
        for (String variable : named) {
            boolean read = variable.startsWith("TOLLGATE_")
                    ? Settings.isKnownVariable(variable)
                    : code.contains("\"" + variable.toLowerCase(Locale.ROOT).replace('_', '.') + "\"");
            if (!read || !documentation.contains(variable)) {
                unknown.add(variable + (read ? " (not in the documentation)" : " (read by nothing)"));
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyHealthPathIsServedAndDocumented() {
        Set<String> paths = new TreeSet<>();
        for (String text : List.of(dockerfile, kubernetes)) {
            Matcher path = HEALTH_PATH.matcher(text);
            while (path.find()) {
                paths.add(path.group(1));
            }
        }
        assertEquals(Set.of("/health/ready", "/health/live"), paths);
        paths.forEach(path -> assertTrue(documentation.contains("`" + path + "`"), path + " is not in the documentation"));
        assertTrue(code.contains("@Readiness"), "a readiness check answers /health/ready");
        assertTrue(code.contains("@Liveness"), "a liveness check answers /health/live");
    }

    @Test
    void theImageAndTheDeploymentAgreeOnPortUserAndDataDirectory() throws IOException {
        String run = Files.readString(Path.of("scripts/run.sh"));
        Matcher defaultPort = Pattern.compile("PORT=\\$\\{TOLLGATE_PORT:-(\\d+)}").matcher(run);
        assertTrue(defaultPort.find(), "scripts/run.sh's default port");
        String port = defaultPort.group(1);
        assertTrue(dockerfile.contains("EXPOSE " + port), "the image exposes the port the server listens on");
        assertTrue(dockerfile.contains("TOLLGATE_PORT=" + port));
        assertTrue(dockerfile.contains("http://127.0.0.1:" + port + "/health/ready"), "the health check asks that port");
        assertTrue(kubernetes.contains("containerPort: " + port));
        assertTrue(kubernetes.contains("- name: TOLLGATE_PORT\n              value: \"" + port + "\""));

        Matcher uid = Pattern.compile("useradd .*--uid (\\d+)").matcher(dockerfile);
        assertTrue(uid.find());
        assertTrue(kubernetes.contains("runAsUser: " + uid.group(1)), "the deployment runs as the image's user");
        assertTrue(dockerfile.contains("\nUSER tollgate\n"), "the image does not run as root");

        assertTrue(dockerfile.contains("TOLLGATE_DATA_DIR=/data") && dockerfile.contains("VOLUME /data"));
        assertTrue(kubernetes.contains("mountPath: /data"));
    }

    @Test
    void everySecretReferencedIsDefinedAndTwoReplicasRunOnPostgresql() {
        Matcher reference = Pattern.compile("key: ([a-z-]+)").matcher(kubernetes);
        int references = 0;
        while (reference.find()) {
            references++;
            assertTrue(kubernetes.contains("\n  " + reference.group(1) + ": "), "the Secret lacks " + reference.group(1));
        }
        assertEquals(4, references);
        assertTrue(kubernetes.contains("replicas: 2"));
        assertTrue(kubernetes.contains("value: jdbc:postgresql://"), "more than one replica needs PostgreSQL");
        assertFalse(kubernetes.contains("value: tg_"), "no credential in plain text in the Deployment");
    }
}
