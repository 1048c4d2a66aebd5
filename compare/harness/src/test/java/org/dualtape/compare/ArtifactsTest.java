package org.dualtape.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the README's "Artifacts" section against the build: every artifact it lists is a module
 * that attaches sources and Javadoc jars and names the module the README gives, at the version
 * the README gives, and the project states its license.
 */
class ArtifactsTest {

    /** The library modules, by artifactId: their folder below the project's top. */
    private static final Map<String, String> MODULES = Map.of(
            "dualtape-dual", "dual",
            "dualtape-tape", "tape",
            "dualtape-check", "compare/check",
            "dualtape-compare", "compare/harness");

    private static final Pattern ROW = Pattern.compile("^\\| `(dualtape-[a-z]+)` \\| `([a-z.]+)` \\|.*");

    private static Path top() {
        return ReadmeSnippetsTest.readme().getParent();
    }

    /** artifactId to module name, from the README's table. */
    private static Map<String, String> readmeTable() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(ReadmeSnippetsTest.readme(), StandardCharsets.UTF_8);
        int start = lines.indexOf("## Artifacts");
        assertTrue(start >= 0, "the README has no \"## Artifacts\" section");
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (m.matches()) {
                rows.put(m.group(1), m.group(2));
            }
        }
        return rows;
    }

    @Test
    void everyLibraryModuleIsListedWithTheModuleNameItsJarCarries() throws IOException {
        Map<String, String> table = readmeTable();
        assertEquals(MODULES.keySet(), table.keySet(), "the README's artifact table");
        for (Map.Entry<String, String> row : table.entrySet()) {
            String pom = Files.readString(top().resolve(MODULES.get(row.getKey())).resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>" + row.getKey() + "</artifactId>"), row.getKey() + "'s pom");
            assertTrue(pom.contains("<Automatic-Module-Name>" + row.getValue() + "</Automatic-Module-Name>"),
                    row.getKey() + " should name its module " + row.getValue());
            assertTrue(pom.contains("<artifactId>maven-source-plugin</artifactId>"), row.getKey() + " attaches no sources jar");
            assertTrue(pom.contains("<artifactId>maven-javadoc-plugin</artifactId>"), row.getKey() + " attaches no Javadoc jar");
        }
    }

    @Test
    void theReadmeGivesTheBuildsCoordinatesAndTheLicenseIsStated() throws IOException {
        String root = Files.readString(top().resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>dualtape-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(root);
        assertTrue(version.find(), "the root pom's version");
        String readme = Files.readString(ReadmeSnippetsTest.readme());
        assertTrue(readme.contains("<version>" + version.group(1) + "</version>"), "the README's dependency snippet should say " + version.group(1));
        assertTrue(readme.contains("<groupId>org.dualtape</groupId>"), "the README's groupId");
        assertTrue(root.contains("<name>Apache License, Version 2.0</name>"), "the pom's license");
        String license = Files.readString(top().resolve("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
                && license.contains("END OF TERMS AND CONDITIONS"), "LICENSE should hold the whole Apache License 2.0");
    }
}
