package io.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and of the pages in docs/ resolves inside a clone: the file exists,
 * and an {@code #anchor} names a heading of the Markdown page it points at (GitHub's heading ids).
 */
class ReadmeLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *#*$");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

    private final Path root = Path.of("").toAbsolutePath();

    @Test
    void everyRelativeLinkOfTheReadmePointsAtAFileOfTheRepository() throws IOException {
        List<String> relative = new ArrayList<>();
        List<String> broken = brokenLinks(root.resolve("README.md"), relative);
        assertFalse(relative.isEmpty(), "the README links to its API reference at least");
        assertTrue(relative.contains("docs/api.md"), "the API reference ships with the project: " + relative);
        assertEquals(List.of(), broken, "links of the README that lead nowhere in a clone");
    }

    @Test
    void everyRelativeLinkOfTheDocsPointsAtAFileOrHeadingOfTheRepository() throws IOException {
        List<Path> pages;
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            pages = docs.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertTrue(pages.size() > 1, "the docs pages: " + pages);
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(brokenLinks(page, new ArrayList<>()));
        }
        assertEquals(List.of(), broken, "links of docs/*.md that lead nowhere in a clone");
    }

    @Test
    void anchorsAreGitHubHeadingIds() {
        assertEquals(Set.of("run-on-postgresql", "sizing-a-cluster-on-paper", "payara-micros-command-files",
                        "health-metrics-api-description", "a-tokens-life-create-use"),
                anchors("## Run on PostgreSQL\n## Sizing a cluster, on paper\n## Payara Micro's command files\n"
                        + "## Health, metrics, API description\n```\n# not a heading\n```\n# A token's life: create, use"));
        assertEquals(Set.of("notes", "notes-1"), anchors("## Notes\n## Notes\n"));
    }

    /** The links of {@code page} that are relative and lead nowhere; every relative link is added to {@code relative}. */
    private List<String> brokenLinks(Path page, List<String> relative) throws IOException {
        String text = FENCE.matcher(Files.readString(page, StandardCharsets.UTF_8)).replaceAll("");
        Matcher links = LINK.matcher(text);
        List<String> broken = new ArrayList<>();
        while (links.find()) {
            String target = links.group(1);
            if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                continue; // an absolute URL
            }
            relative.add(target);
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
            String where = root.relativize(page) + ": " + target;
            if (!file.startsWith(root) || !Files.exists(file)) {
                broken.add(where);
            } else if (hash >= 0 && !(file.toString().endsWith(".md")
                    && anchors(Files.readString(file, StandardCharsets.UTF_8)).contains(target.substring(hash + 1)))) {
                broken.add(where + " (no such heading)");
            }
        }
        return broken;
    }

    /** The ids GitHub gives a Markdown page's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> anchors(String markdown) {
        Matcher heading = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
        Set<String> ids = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        while (heading.find()) {
            String id = heading.group(1).replaceAll("`", "").toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int count = seen.merge(id, 1, Integer::sum);
            ids.add(count == 1 ? id : id + "-" + (count - 1));
        }
        return ids;
    }
}
