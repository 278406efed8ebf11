package io.tollgate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every relative link of the README resolves inside a clone (the API reference ships in docs/). */
class ReadmeLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkOfTheReadmePointsAtAFileOfTheRepository() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher links = LINK.matcher(readme);
        List<String> relative = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        while (links.find()) {
            String target = links.group(1);
            if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
                continue; // an absolute URL, or an anchor in the README itself
            }
            relative.add(target);
            Path file = root.resolve(target.replaceAll("#.*$", "")).normalize();
            if (!file.startsWith(root) || !Files.exists(file)) {
                broken.add(target);
            }
        }
        assertFalse(relative.isEmpty(), "the README links to its API reference at least");
        assertTrue(relative.contains("docs/api.md"), "the API reference ships with the project: " + relative);
        assertTrue(broken.isEmpty(), "links that lead nowhere in a clone: " + broken);
    }
}
