package org.massageadvisor.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.massageadvisor.facts.Conclusions;

/**
 * What a rules folder may contain, checked before Drools compiles (or runs) any of it: rules conclude,
 * they do nothing else. Drools' own DRL parser finds each rule's parts and where they are; each
 * consequence is then parsed as Java (JavaParser) and may only be a list of
 * <ul>
 * <li>{@code conclusions.add( new Warning( ... ) );} with any conclusion record of the facts package,</li>
 * <li>{@code insertLogical( new Derived( ... ) );} or {@code insert( new Derived( ... ) );} of a type the
 * rules declare ({@code declare Derived ... end}),</li>
 * </ul>
 * whose arguments are literals, variables bound in the conditions, or {@code +} of those. Conditions may
 * compare fields, bound variables and literals, and call {@code isEmpty()}, {@code size()},
 * {@code contains()}, {@code length()} or {@code equals()} on a field; {@code eval}, {@code from},
 * {@code accumulate}, {@code collect}, regular expressions, class references and assignments are refused.
 * Imports name only the client and facts packages and a few value types; the only global is the
 * collector; DRL functions and the MVEL dialect are refused. Every refusal is a
 * {@code file:line:col: rule "name": what (the expression)} problem.
 */
public final class RuleAllowlist {

    /** Besides org.massageadvisor.client and .facts, the value types an import may name. */
    static final Set<String> IMPORTABLE = Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Boolean", "java.lang.Math", "java.util.List", "java.util.Set", "java.util.Map", "java.util.Collection");
    private static final List<String> IMPORTABLE_PACKAGES = List.of("org.massageadvisor.client", ConclusionTypes.PACKAGE);
    private static final Set<String> CONDITION_METHODS = Set.of("isEmpty", "size", "contains", "length", "equals");
    private static final Set<String> ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active", "agenda-group",
            "activation-group", "ruleflow-group", "auto-focus", "enabled", "dialect");
    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$?[A-Za-z_][A-Za-z0-9_$]*)\\s*:(?!=)");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[0-9][0-9_.]*[A-Za-z]*|[A-Za-z_$][A-Za-z0-9_$]*"
                    + "|==|!=|<=|>=|&&|\\|\\||\\+\\+|--|[-+*/%&|^]=|!\\.|.");
    private static final String CONCLUSION_TYPES = "Warning, Tip, BaseRange, Adjustment, Floor or Referral";

    private RuleAllowlist() {
    }

    /**
     * Every problem of every rule file of the folder; empty when all of it is allowed. A decision table is
     * checked through the DRL Drools generates from it, as strictly as a DRL file, and its problems are
     * placed at the table's cells.
     */
    public static List<RuleProblem> check(RuleFiles files) {
        List<Parsed> parsed = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        for (RuleSource source : files.sources()) {
            String text = source.drl();
            DrlParser parser = new DrlParser();
            PackageDescr pkg;
            try {
                pkg = parser.parse(false, text);
            } catch (DroolsParserException | RuntimeException e) {
                pkg = null;
            }
            // A file that does not parse is left to the compiler, which reports its syntax errors and stops.
            if (pkg == null || parser.hasErrors()) {
                continue;
            }
            parsed.add(new Parsed(source, text, pkg));
            for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                declared.add(t.getTypeName());
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Parsed p : parsed) {
            new FileCheck(p, declared, problems).run();
        }
        return problems;
    }

    private record Parsed(RuleSource source, String text, PackageDescr pkg) {
    }

    /** The checks of one file, collecting its problems. */
    private static final class FileCheck {
        private final Parsed parsed;
        private final Set<String> declared;
        private final List<RuleProblem> problems;
        private final int[] lineStarts;

        FileCheck(Parsed parsed, Set<String> declared, List<RuleProblem> problems) {
            this.parsed = parsed;
            this.declared = declared;
            this.problems = problems;
            List<Integer> starts = new ArrayList<>(List.of(0));
            String text = parsed.text();
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        void run() {
            PackageDescr pkg = parsed.pkg();
            for (ImportDescr i : pkg.getImports()) {
                if (!importable(i.getTarget())) {
                    refuse(i.getLine(), i.getColumn() + 1, "import " + i.getTarget() + " is not allowed (only "
                            + String.join(".*, ", IMPORTABLE_PACKAGES) + ".* and java.lang/java.util value types such as String and List)");
                }
            }
            pkg.getFunctionImports().forEach(i -> refuse(i.getLine(), i.getColumn() + 1,
                    "import function " + i.getTarget() + " is not allowed: rules may only conclude"));
            pkg.getAccumulateImports().forEach(i -> refuse(i.getLine(), i.getColumn() + 1,
                    "import accumulate " + i.getTarget() + " is not allowed: rules may only conclude"));
            for (GlobalDescr g : pkg.getGlobals()) {
                boolean collector = g.getIdentifier().equals(Conclusions.GLOBAL)
                        && (g.getType().equals(Conclusions.class.getName()) || g.getType().equals(Conclusions.class.getSimpleName()));
                if (!collector) {
                    refuse(g.getLine(), g.getColumn() + 1, "global " + g.getType() + " " + g.getIdentifier()
                            + " is not allowed (the only global is: global " + Conclusions.class.getName() + " " + Conclusions.GLOBAL + ";)");
                }
            }
            for (FunctionDescr f : pkg.getFunctions()) {
                refuse(f.getLine(), f.getColumn() + 1, "function " + f.getName()
                        + " is not allowed: rules may only conclude (write the test as a condition)");
            }
            if (!pkg.getEntryPointDeclarations().isEmpty() || !pkg.getWindowDeclarations().isEmpty()) {
                refuse(1, 1, "entry points and windows are not allowed");
            }
            for (AttributeDescr a : pkg.getAttributes()) {
                if (parsed.source().isTable()) {
                    // Drools applies a package-level attribute to every rule of the package, in every file.
                    refuse(a.getLine(), a.getColumn() + 1, "a decision table may not set " + a.getName()
                            + " for the whole package (it would change every rule of the package, in every file); give the table a "
                            + (a.getName().equals("salience") ? "PRIORITY" : a.getName().toUpperCase(Locale.ROOT)) + " column instead");
                } else {
                    attribute(null, a);
                }
            }
            for (RuleDescr rule : pkg.getRules()) {
                rule(rule);
            }
        }

        private static boolean importable(String target) {
            if (IMPORTABLE.contains(target)) {
                return true;
            }
            for (String p : IMPORTABLE_PACKAGES) {
                if (target.equals(p + ".*") || (target.startsWith(p + ".") && target.indexOf('.', p.length() + 1) < 0)) {
                    return true;
                }
            }
            return false;
        }

        private void rule(RuleDescr rule) {
            for (AttributeDescr a : rule.getAttributes().values()) {
                attribute(rule, a);
            }
            Set<String> bound = new HashSet<>();
            condition(rule, rule.getLhs(), bound);
            if (rule.getConsequence() != null) {
                consequence(rule, rule.getConsequence().toString(), rule.getConsequenceLine(), bound);
            }
            for (Map.Entry<String, Object> named : rule.getNamedConsequences().entrySet()) {
                refuse(rule.getLine(), rule.getColumn() + 1, "rule \"" + rule.getName() + "\": named consequences are not allowed (then["
                        + named.getKey() + "])");
            }
        }

        private void attribute(RuleDescr rule, AttributeDescr a) {
            String who = rule == null ? "" : "rule \"" + rule.getName() + "\": ";
            String name = a.getName();
            String value = a.getValue() == null ? "" : a.getValue().trim();
            if (!ATTRIBUTES.contains(name)) {
                refuse(a.getLine(), a.getColumn() + 1, who + "the attribute " + name + " is not allowed");
            } else if (name.equals("dialect") && !unquote(value).equals("java")) {
                refuse(a.getLine(), a.getColumn() + 1, who + "dialect \"" + unquote(value) + "\" is not allowed: consequences are Java (dialect \"java\")");
            } else if (name.equals("salience") && !value.matches("-?\\d{1,9}")) {
                refuse(a.getLine(), a.getColumn() + 1, who + "salience must be a whole number (" + value + ")");
            } else if (name.equals("enabled") && !value.matches("true|false")) {
                refuse(a.getLine(), a.getColumn() + 1, who + "enabled must be true or false (" + value + ")");
            }
        }

        private static String unquote(String v) {
            return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
        }

        /** The conditions: patterns over facts with plain constraints, under and/or/not/exists/forall. */
        private void condition(RuleDescr rule, BaseDescr d, Set<String> bound) {
            String who = "rule \"" + rule.getName() + "\": ";
            if (d instanceof PatternDescr p) {
                if (p.getIdentifier() != null) {
                    bound.add(p.getIdentifier());
                }
                if (p.getSource() != null) {
                    refuse(p.getLine(), p.getColumn() + 1, who + "from, accumulate, collect and entry points are not allowed ("
                            + oneLine(p.getSource().getText() == null ? p.getSource().toString() : p.getSource().getText()) + ")");
                }
                String type = p.getObjectType() == null ? "" : p.getObjectType();
                String simple = type.substring(type.lastIndexOf('.') + 1);
                if (ConclusionTypes.bySimpleName(simple) != null) {
                    refuse(p.getLine(), p.getColumn() + 1, who + simple + " is a conclusion, not a fact: no rule can match it"
                            + " (derive a fact with declare and insertLogical instead)");
                }
                for (BaseDescr c : p.getDescrs()) {
                    if (c instanceof ExprConstraintDescr e) {
                        constraint(rule, e, bound);
                    } else {
                        refuse(c.getLine(), c.getColumn() + 1, who + "this kind of constraint is not allowed (" + oneLine(c.getText()) + ")");
                    }
                }
            } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                    || d instanceof ForallDescr) {
                for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                    condition(rule, child, bound);
                }
            } else {
                String kind = d.getClass().getSimpleName().replaceFirst("Descr$", "").toLowerCase(Locale.ROOT);
                String text = d instanceof org.drools.drl.ast.descr.EvalDescr eval ? String.valueOf(eval.getContent()) : d.getText();
                refuse(d.getLine(), d.getColumn() + 1, who + kind + " is not allowed in a condition; write it as a pattern constraint"
                        + (text == null || text.isBlank() ? "" : " (" + oneLine(text) + ")"));
            }
        }

        /** One constraint of a pattern, checked token by token. */
        private void constraint(RuleDescr rule, ExprConstraintDescr e, Set<String> bound) {
            String expr = e.getExpression();
            Matcher b = BINDING.matcher(expr);
            if (b.find()) {
                bound.add(b.group(1));
            }
            List<String> tokens = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            Matcher m = TOKEN.matcher(expr);
            while (m.find()) {
                if (!m.group().isBlank()) {
                    tokens.add(m.group());
                    at.add(m.start());
                }
            }
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
                String previous = i > 0 ? tokens.get(i - 1) : "";
                String why = null;
                if (Character.isJavaIdentifierStart(t.charAt(0)) && !t.startsWith("$")) {
                    if (t.equals("new") || t.equals("class")) {
                        why = t + " is not allowed in a condition";
                    } else if (t.equals("matches") || t.equals("soundslike")) {
                        why = t + " is not allowed in a condition (pattern matching can take unbounded time); compare with == or contains";
                    } else if (next.equals("(") && !(previous.equals(".") && CONDITION_METHODS.contains(t))) {
                        why = "a condition may only call isEmpty(), size(), contains(), length() or equals() on a field, not " + t + "(...)";
                    } else if (Character.isUpperCase(t.charAt(0))) {
                        why = "a condition may not refer to a class (" + t + ")";
                    }
                } else if (t.equals("=") || t.equals("++") || t.equals("--") || (t.length() == 2 && t.endsWith("=")
                        && "+-*/%&|^".indexOf(t.charAt(0)) >= 0)) {
                    why = "assignment is not allowed in a condition";
                } else if (t.equals("{") || t.equals("}") || t.equals(";") || t.equals("#") || t.equals("@") || t.equals("\\")) {
                    why = t + " is not allowed in a condition";
                }
                if (why != null) {
                    int[] pos = position(e.getLine(), e.getColumn(), expr, at.get(i));
                    refuse(pos[0], pos[1], "rule \"" + rule.getName() + "\": " + why + " (" + oneLine(expr) + ")");
                    return;
                }
            }
        }

        /** Line and 1-based column in the file of a character of a descr's text that starts at (line, 0-based column). */
        private static int[] position(int line, int column, String text, int index) {
            int l = line;
            int c = column + 1;
            for (int i = 0; i < index; i++) {
                if (text.charAt(i) == '\n') {
                    l++;
                    c = 1;
                } else {
                    c++;
                }
            }
            return new int[] {l, c};
        }

        /** The consequence: statements of the allowed shapes only. */
        private void consequence(RuleDescr rule, String code, int thenLine, Set<String> bound) {
            String who = "rule \"" + rule.getName() + "\": ";
            int start = consequenceStart(code, thenLine);
            int line = lineOf(start);
            int column = start - lineStarts[line - 1] + 1;
            ParseResult<BlockStmt> result = new JavaParser(new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parseBlock("{" + code + "\n}");
            Located at = new Located(line, column);
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                String why = result.getProblems().isEmpty() ? "" : result.getProblems().get(0).getMessage().split("\n")[0];
                Position p = result.getProblems().isEmpty() ? null
                        : result.getProblems().get(0).getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin).orElse(null);
                int[] pos = p == null ? new int[] {line, column} : at.map(p);
                refuse(pos[0], pos[1], who + "the consequence is not valid Java: " + why);
                return;
            }
            for (Statement s : result.getResult().get().getStatements()) {
                if (s instanceof EmptyStmt) {
                    continue;
                }
                if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof MethodCallExpr call)) {
                    refuse(at, s, who + describe(s) + " is not allowed: a consequence may only conclude");
                    continue;
                }
                call(who, call, bound, at);
            }
        }

        private void call(String who, MethodCallExpr call, Set<String> bound, Located at) {
            boolean add = call.getScope().map(sc -> sc instanceof NameExpr n && n.getNameAsString().equals(Conclusions.GLOBAL)).orElse(false)
                    && call.getNameAsString().equals("add");
            boolean derive = call.getScope().isEmpty() && (call.getNameAsString().equals("insertLogical") || call.getNameAsString().equals("insert"));
            if (!add && !derive) {
                refuse(at, call, who + "only conclusions.add( new ... ) and insertLogical( new ... ) may be called");
                return;
            }
            if (call.getArguments().size() != 1 || !(call.getArgument(0) instanceof ObjectCreationExpr created)
                    || created.getAnonymousClassBody().isPresent() || created.getScope().isPresent()) {
                refuse(at, call, who + call.getNameAsString() + " takes one new Type( ... )");
                return;
            }
            String type = created.getType().getNameWithScope();
            String simple = created.getType().getNameAsString();
            boolean conclusion = ConclusionTypes.bySimpleName(simple) != null
                    && (type.equals(simple) || type.equals(ConclusionTypes.PACKAGE + "." + simple));
            boolean derived = type.equals(simple) && declared.contains(simple);
            if (add && !conclusion) {
                refuse(at, created, who + type + " is not a conclusion (conclusions.add takes a " + CONCLUSION_TYPES + ")");
                return;
            }
            if (derive && !derived) {
                refuse(at, created, who + (conclusion ? type + " is a conclusion: record it with conclusions.add( new " + simple + "( ... ) )"
                        : type + " is not a type the rules declare; " + call.getNameAsString() + " only establishes derived facts (declare "
                                + simple + " ... end)"));
                return;
            }
            for (Expression argument : created.getArguments()) {
                Expression bad = value(argument, bound);
                if (bad != null) {
                    refuse(at, bad, who + (bad instanceof NameExpr n ? n.getNameAsString() + " is not a variable bound in the rule's conditions"
                            : "an argument may only be a literal, a variable bound in the conditions, or a + of them"));
                }
            }
        }

        /** Null when the argument is a literal, a bound variable or + of them; else the first part that is not. */
        private static Expression value(Expression e, Set<String> bound) {
            if (e instanceof LiteralExpr) {
                return null;
            }
            if (e instanceof NameExpr n) {
                return bound.contains(n.getNameAsString()) ? null : n;
            }
            if (e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.MINUS || u.getOperator() == UnaryExpr.Operator.PLUS)
                    && u.getExpression() instanceof LiteralExpr) {
                return null;
            }
            if (e instanceof EnclosedExpr en) {
                return value(en.getInner(), bound);
            }
            if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
                Expression left = value(b.getLeft(), bound);
                return left != null ? left : value(b.getRight(), bound);
            }
            return e;
        }

        private static String describe(Statement s) {
            if (s instanceof ExpressionStmt es) {
                return "this expression";
            }
            String kind = s.getClass().getSimpleName().replaceFirst("Stmt$", "").toLowerCase(Locale.ROOT);
            return switch (kind) {
                case "while", "do", "for", "foreach" -> "a loop";
                case "localclassdeclaration", "localrecorddeclaration" -> "a class declaration";
                case "if" -> "an if statement";
                default -> "a " + kind + " statement";
            };
        }

        /** Where the consequence's code starts in the file: after the {@code then} on (or after) its line. */
        private int consequenceStart(String code, int thenLine) {
            String text = parsed.text();
            int from = lineStarts[Math.max(0, Math.min(thenLine, lineStarts.length) - 1)];
            Matcher then = Pattern.compile("\\bthen\\b").matcher(text);
            if (then.find(from)) {
                from = then.end();
            }
            String head = code.strip();
            head = head.substring(0, Math.min(head.length(), 40));
            int at = head.isEmpty() ? -1 : text.indexOf(head, from);
            if (at >= 0) {
                // JavaParser positions count from the first character of the code as given (leading blanks included).
                int lead = code.indexOf(head);
                return Math.max(from, at - Math.max(0, lead));
            }
            return from;
        }

        private int lineOf(int offset) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }

        private void refuse(Located at, Node node, String message) {
            int[] pos = node.getBegin().map(at::map).orElse(new int[] {at.line, at.column});
            refuse(pos[0], pos[1], message + " (" + oneLine(node.toString()) + ")");
        }

        private void refuse(int line, int column, String message) {
            problems.add(parsed.source().problem(line, Math.max(column, 1), message));
        }
    }

    /** Maps JavaParser positions in {@code "{" + code} back to the file, the code starting at (line, column). */
    private record Located(int line, int column) {
        int[] map(Position p) {
            return p.line == 1 ? new int[] {line, column + p.column - 2} : new int[] {line + p.line - 1, p.column};
        }
    }

    /** An expression on one line, cut to a readable length. */
    static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
