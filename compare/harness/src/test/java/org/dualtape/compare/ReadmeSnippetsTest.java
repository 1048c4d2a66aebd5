package org.dualtape.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs every Java example of the README, so that the README cannot drift from the
 * code.
 *
 * <h2>Convention (for whoever adds an example)</h2>
 * An example is a {@code ```java} block preceded by a line {@code <!-- snippet: NAME -->} (NAME
 * unique, letters, digits and dashes), optionally followed by an expect comment before the fence:
 * <pre>
 * &lt;!-- snippet: forward-mode --&gt;
 * &lt;!-- expect:
 * 1.0
 * [16.0, 48.0, 88.0]
 * --&gt;
 * ```java
 * import java.util.Arrays;
 * System.out.println(...);
 * ```
 * </pre>
 * <ul>
 *   <li>The block is either a whole compilation unit declaring a class with
 *       {@code public static void main(String[])}, or statements: then its {@code import} lines
 *       go to the top of a generated class and the rest becomes the body of
 *       {@code main(String[] args) throws Exception}. Nothing is imported implicitly, so readers
 *       can copy the example.</li>
 *   <li>With an expect comment (one line {@code <!-- expect: TEXT -->} or several lines up to
 *       {@code -->}) the snippet's standard output, line by line with surrounding blanks trimmed,
 *       must equal the expected lines. Print rounded numbers if the exact digits are not the
 *       point. Without one, the snippet must finish without an exception: then it should check
 *       its own result and throw if it is wrong.</li>
 *   <li>Snippets compile against this module's test class path (every module of the project
 *       and its dependencies; surefire runs with {@code useManifestOnlyJar=false}) and run in
 *       this JVM, one class loader each.</li>
 * </ul>
 * Blocks marked {@code ```java} without a snippet line are not checked; the test fails if the
 * README has no snippet at all or two with one name.
 */
class ReadmeSnippetsTest {

    private static final String MARKER = "<!-- snippet:";
    private static final String EXPECT = "<!-- expect:";

    /** One example: its name, source lines and expected output (null: none given). */
    record Snippet(String name, List<String> code, List<String> expected) {
    }

    static Path readme() {
        // The project's README sits at the top of the build, some folders above this module.
        Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        for (Path dir = base; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("jmh"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("no project README.md above " + base);
    }

    /** Parses every marked snippet of a Markdown text. */
    static List<Snippet> parse(List<String> lines) {
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith(MARKER)) {
                continue;
            }
            String name = line.substring(MARKER.length(), line.lastIndexOf("-->")).trim();
            int j = i + 1;
            List<String> expected = null;
            while (j < lines.size() && lines.get(j).isBlank()) {
                j++;
            }
            if (j < lines.size() && lines.get(j).trim().startsWith(EXPECT)) {
                StringBuilder text = new StringBuilder(lines.get(j).trim().substring(EXPECT.length()));
                while (!text.toString().contains("-->") && ++j < lines.size()) {
                    text.append('\n').append(lines.get(j));
                }
                String body = text.substring(0, text.indexOf("-->"));
                expected = body.lines().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
                j++;
            }
            while (j < lines.size() && lines.get(j).isBlank()) {
                j++;
            }
            if (j >= lines.size() || !lines.get(j).trim().equals("```java")) {
                throw new IllegalStateException("snippet " + name + " (line " + (i + 1) + ") is not followed by a ```java block");
            }
            List<String> code = new ArrayList<>();
            for (j++; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
                code.add(lines.get(j));
            }
            snippets.add(new Snippet(name, code, expected));
            i = j;
        }
        return snippets;
    }

    /** The snippet as a compilation unit, and the name of its class. */
    static String[] source(Snippet snippet) {
        String all = String.join("\n", snippet.code());
        if (all.contains("static void main(")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("class\\s+(\\w+)").matcher(all);
            if (!m.find()) {
                throw new IllegalStateException("snippet " + snippet.name() + " has a main but no class");
            }
            return new String[] {m.group(1), all};
        }
        String className = "Snippet_" + snippet.name().replaceAll("[^A-Za-z0-9]", "_");
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.code()) {
            (line.trim().startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return new String[] {className, imports + "public class " + className + " {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n"};
    }

    @TempDir
    Path work;

    @Test
    void theReadmeHasUniquelyNamedSnippets() throws IOException {
        List<Snippet> snippets = parse(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        assertFalse(snippets.isEmpty(), "the README should have at least one <!-- snippet: NAME --> example");
        Set<String> names = new HashSet<>();
        for (Snippet s : snippets) {
            assertTrue(names.add(s.name()), "two snippets are named " + s.name());
        }
    }

    @Test
    void theParserReadsMarkersExpectationsAndCode() {
        List<String> markdown = List.of("text", "<!-- snippet: a-1 -->", "<!-- expect: 42 -->", "```java",
                "import java.util.List;", "System.out.println(42);", "```", "```java", "not checked", "```",
                "<!-- snippet: b -->", "", "```java", "int x = 1;", "```");
        List<Snippet> snippets = parse(markdown);
        assertEquals(2, snippets.size());
        assertEquals("a-1", snippets.get(0).name());
        assertEquals(List.of("42"), snippets.get(0).expected());
        assertEquals(List.of("import java.util.List;", "System.out.println(42);"), snippets.get(0).code());
        assertEquals(null, snippets.get(1).expected());
        String[] unit = source(snippets.get(0));
        assertEquals("Snippet_a_1", unit[0]);
        assertTrue(unit[1].startsWith("import java.util.List;"), unit[1]);
    }

    @TestFactory
    Stream<DynamicTest> everySnippetCompilesRunsAndPrintsWhatItPromises() throws IOException {
        List<Snippet> snippets = parse(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> compileAndRun(s)));
    }

    private void compileAndRun(Snippet snippet) throws Exception {
        String[] unit = source(snippet);
        Path dir = Files.createDirectories(work.resolve(snippet.name()));
        Path file = dir.resolve(unit[0] + ".java");
        Files.writeString(file, unit[1], StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), "-encoding", "UTF-8", "-proc:none", file.toString());
        assertEquals(0, status, () -> "snippet " + snippet.name() + " does not compile:\n"
                + diagnostics.toString(StandardCharsets.UTF_8) + "\n" + unit[1]);

        String output = run(dir, unit[0]);
        if (snippet.expected() != null) {
            List<String> printed = output.lines().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toList());
            assertEquals(snippet.expected(), printed, () -> "snippet " + snippet.name() + " printed:\n" + output);
        }
    }

    /** Runs {@code main} with standard output captured. */
    private static String run(Path dir, String className) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        Locale locale = Locale.getDefault();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeSnippetsTest.class.getClassLoader());
             PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Locale.setDefault(Locale.ROOT);
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw new AssertionError("snippet " + className + " threw", e.getCause());
        } finally {
            System.setOut(saved);
            Locale.setDefault(locale);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
