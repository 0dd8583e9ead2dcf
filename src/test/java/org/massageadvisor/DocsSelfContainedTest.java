package org.massageadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.massageadvisor.cli.AdvisorCommand;
import picocli.CommandLine;

/**
 * A clone of this repository is all a reader has: every link in README.md and docs/ points at a file
 * (and heading) inside it, and neither the pages nor any --help speak of material outside it
 * (a folder beside the project, a contract's numbered sections, issue numbers).
 */
class DocsSelfContainedTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** Words that only make sense to someone with material outside the repository. */
    private static final List<Pattern> OUTSIDE = List.of(
            Pattern.compile("\\.\\./shared"),
            Pattern.compile("CONTRACT section", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bissues? #?\\d+", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?<![-\\w])helpers?(?![-\\w])", Pattern.CASE_INSENSITIVE));
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern DOC_PATH = Pattern.compile("\\b(?:docs/[\\w.-]+\\.md|README\\.md)");

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void noPageSpeaksOfMaterialOutsideTheRepository() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern p : OUTSIDE) {
                    Matcher m = p.matcher(lines.get(i));
                    if (m.find()) {
                        problems.add(ROOT.relativize(page) + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyLinkPointsAtAFileAndHeadingInTheRepository() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().startsWith("```")) {
                    fenced = !fenced;
                }
                if (fenced) {
                    continue; // a sample output in a code block is shown as text, not followed as a link
                }
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String problem = check(page, m.group(1));
                    if (problem != null) {
                        problems.add(ROOT.relativize(page) + ":" + (i + 1) + ": " + m.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Why a link target does not resolve inside the repository, or null. */
    private static String check(Path page, String target) throws IOException {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            return "links outside the repository";
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash >= 0 && resolved.toString().endsWith(".md") && !anchors(resolved).contains(target.substring(hash + 1))) {
            return "no such heading in " + ROOT.relativize(resolved);
        }
        return null;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path md) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(md, StandardCharsets.UTF_8)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @Test
    void theAnchorsFollowGitHub() throws IOException {
        assertThat(anchors(ROOT.resolve("docs/contract.md"))).contains("client-profile", "http-service", "dates-and-age");
        assertThat(anchors(ROOT.resolve("docs/rules.md"))).contains("every-guidance-statement-its-rules-and-a-scenario");
    }

    @Test
    void noHelpSpeaksOfMaterialOutsideTheRepositoryOrBreaksAPath() {
        List<String> problems = new ArrayList<>();
        for (String[] command : commands()) {
            StringWriter out = new StringWriter();
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            int code = AdvisorCommand.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            String help = out.toString();
            String name = String.join(" ", command);
            if (code != 0 || help.isBlank()) {
                problems.add(name + ": --help failed");
            }
            for (Pattern p : OUTSIDE) {
                Matcher m = p.matcher(help);
                if (m.find()) {
                    problems.add(name + ": " + m.group());
                }
            }
            // A path broken across lines ("docs/authoring.\nmd") no longer reads as one; each must exist.
            String joined = help.replaceAll("\\n\\s*", "");
            Matcher paths = DOC_PATH.matcher(joined);
            while (paths.find()) {
                if (!help.contains(paths.group())) {
                    problems.add(name + ": the path " + paths.group() + " is broken across lines");
                }
                if (!Files.exists(ROOT.resolve(paths.group()))) {
                    problems.add(name + ": " + paths.group() + " does not exist");
                }
            }
            help.lines().filter(l -> l.matches(".*\\w/$")).forEach(l -> problems.add(name + ": a line ends inside a path: " + l));
        }
        assertThat(problems).isEmpty();
    }

    /** Every command and subcommand, as the words that name it. */
    private static List<String[]> commands() {
        List<String[]> all = new ArrayList<>();
        collect(AdvisorCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<String> path, List<String[]> all) {
        all.add(path.toArray(String[]::new));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, all);
            }
        });
    }
}
