package org.massageadvisor.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massageadvisor.cdshooks.Terminology;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Suggestions;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.engine.MetadataCheck;
import org.massageadvisor.engine.RuleInfo;
import org.massageadvisor.engine.RuleProblem;
import org.massageadvisor.engine.RuleSource;

/**
 * What the compiler cannot see: a term in a DRL string literal that the vocabulary does not know
 * ({@code "HERNIATED_DSIC"}), a rule name declared twice, a rule without its metadata, and (as notes)
 * vocabulary terms that no rule mentions; and the code lists of {@code terminology.yaml}.
 */
public final class Linter {


    /** A string literal that looks like a term: upper-case words joined by underscores. */
    private static final Pattern TERM_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"");
    /** A rule that tests a massage type's intensity mentions every massage type through the vocabulary's flag. */
    private static final Pattern INTENSITY = Pattern.compile("MassageType\\s*\\([^)]*\\bintense\\b");
    private static final List<Category> MENTIONED = List.of(Category.GOAL, Category.MASSAGE_TYPE, Category.BODY_RESPONSE,
            Category.CONDITION, Category.ACTIVITY_LEVEL, Category.SYMPTOM_TREND, Category.WARNING, Category.TIP);

    private Linter() {
    }

    public static List<Finding> lint(RuleBase ruleBase) {
        RuleFiles files = ruleBase.files();
        Vocabulary vocabulary = ruleBase.vocabulary();
        Set<String> known = new HashSet<>();
        for (Category c : Category.values()) {
            known.addAll(vocabulary.terms(c).keySet());
        }
        known.add(Evaluator.NO_INTERVAL);
        List<Finding> findings = new ArrayList<>();
        Set<String> mentioned = new HashSet<>();
        boolean intensityTested = false;
        for (RuleSource source : files.sources()) {
            String code = withoutComments(source.drl());
            intensityTested |= INTENSITY.matcher(code).find();
            String[] lines = code.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = TERM_LITERAL.matcher(lines[i]);
                while (m.find()) {
                    String term = m.group(1);
                    mentioned.add(term);
                    if (!known.contains(term)) {
                        findings.add(Finding.of(Finding.Severity.ERROR, source.problem(i + 1, m.start() + 1,
                                "term (" + term + ") is not in " + Vocabulary.FILE_NAME + Suggestions.hint(term, known))));
                    }
                }
            }
        }
        duplicates(files, findings);
        for (RuleProblem p : MetadataCheck.check(ruleBase)) {
            findings.add(Finding.of(Finding.Severity.ERROR, p));
        }
        unmentioned(ruleBase, mentioned, intensityTested, findings);
        terminology(ruleBase, findings);
        return findings;
    }

    /** The code lists of {@code terminology.yaml}, when the folder has one: unknown terms, duplicate codes, codes in two terms. */
    private static void terminology(RuleBase ruleBase, List<Finding> findings) {
        RuleFiles files = ruleBase.files();
        if (!files.files().containsKey(Terminology.FILE_NAME)) {
            return;
        }
        String display = files.display(Terminology.FILE_NAME);
        try {
            for (Terminology.Problem p : Terminology.parse(files.text(Terminology.FILE_NAME), display).problems(ruleBase.vocabulary())) {
                findings.add(Finding.at(Finding.Severity.ERROR, display, p.at().line(), p.at().column(), p.message()));
            }
        } catch (InputException e) {
            findings.add(Finding.at(Finding.Severity.ERROR, display, e.position().line(), e.position().column(),
                    e.getMessage().substring(e.position().toString().length() + 2)));
        }
    }

    private static void duplicates(RuleFiles files, List<Finding> findings) {
        Map<String, RuleInfo> first = new LinkedHashMap<>();
        for (RuleInfo rule : files.declarations()) {
            RuleInfo earlier = first.putIfAbsent(rule.name(), rule);
            if (earlier != null) {
                findings.add(Finding.at(Finding.Severity.ERROR, rule.file(), rule.line(), 0,
                        "rule name (" + rule.name() + ") is already used at " + earlier.file() + ":" + earlier.line()));
            }
        }
    }

    private static void unmentioned(RuleBase ruleBase, Set<String> mentioned, boolean intensityTested, List<Finding> findings) {
        String vocabularyFile = ruleBase.files().display(Vocabulary.FILE_NAME);
        String[] vocabularyLines = ruleBase.files().files().containsKey(Vocabulary.FILE_NAME)
                ? ruleBase.files().text(Vocabulary.FILE_NAME).split("\r?\n", -1) : new String[0];
        for (Category category : MENTIONED) {
            for (String term : ruleBase.vocabulary().terms(category).keySet()) {
                boolean used = mentioned.contains(term)
                        || (category == Category.MASSAGE_TYPE && intensityTested)
                        || (category == Category.WARNING && term.equals(Evaluator.NO_INTERVAL));
                if (!used) {
                    findings.add(Finding.at(Finding.Severity.NOTE, vocabularyFile, lineOf(vocabularyLines, term), 3,
                            category.key() + " term (" + term + ") is not mentioned by any rule (fine for a baseline"
                                    + " value that changes nothing; otherwise a rule is missing)"));
                }
            }
        }
    }

    private static int lineOf(String[] lines, String term) {
        Pattern key = Pattern.compile("^\\s*" + Pattern.quote(term) + "\\s*:");
        for (int i = 0; i < lines.length; i++) {
            if (key.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The DRL text with comments blanked out (same lines and columns), so terms in comments are not
     * linted. Knows string literals, so {@code "//"} inside a string is not a comment.
     */
    static String withoutComments(String text) {
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '"' && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, text.length());
                b.append(text, i, j);
                i = j;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/'
                    || c == '#' && (i == 0 || text.charAt(i - 1) == '\n')) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    b.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (int k = i; k < end; k++) {
                    b.append(text.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString().replace("\r", "");
    }
}
