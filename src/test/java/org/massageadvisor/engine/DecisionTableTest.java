package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.check.CheckReport;
import org.massageadvisor.check.Checker;
import org.massageadvisor.check.Finding;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.recommendation.Recommendation;

/**
 * Decision tables in the rules folder: CSV and XLSX give the same rules, and every problem (a table
 * Drools cannot read, the allowlist, the compiler, the linter) names the file, the sheet, the row and
 * the column of the cell to fix.
 */
class DecisionTableTest {

    /** goal-ranges.csv: row 11 is chronic pain; B goal, C medical approval, F min days, G max days, H phase. */
    private static final String CHRONIC_PAIN_ROW = "Chronic pain starts with a session every three to seven days,CHRONIC_PAIN,,,X,3,7,30,";

    @TempDir
    Path tmp;

    private Path rules() {
        return RuleFolders.copyShipped(tmp.resolve("rules"));
    }

    private static List<RuleProblem> compileProblems(Path rules) {
        try {
            RuleBase.load(rules);
        } catch (RuleCompilationException e) {
            return e.problems();
        }
        throw new AssertionError("the rules compiled");
    }

    /** The cells of a CSV file, row by row, as a spreadsheet program would read them. */
    static List<List<String>> csvRows(Path csv) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv.toFile())) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The same cells as an XLSX workbook whose first sheet is {@code sheet}, each cell as text (as a clinician types it). */
    static byte[] xlsx(List<List<String>> rows, String sheet) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet s = book.createSheet(sheet);
            book.createSheet("Notes").createRow(0).createCell(0).setCellValue("Only the first sheet holds rules.");
            for (int r = 0; r < rows.size(); r++) {
                XSSFRow row = s.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String v = rows.get(r).get(c);
                    if (!v.isEmpty()) {
                        // In a sheet, cells merge instead of CSV's "..." marker; text cells keep "..." harmlessly stripped here.
                        row.createCell(c).setCellValue(v.endsWith("...") ? v.substring(0, v.length() - 3) : v);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The goal ranges as a workbook: the pattern cells of the object-type row merged, as a spreadsheet does it. */
    private byte[] goalRangesWorkbook(Path csv, String sheet) {
        List<List<String>> rows = csvRows(csv);
        byte[] bytes = xlsx(rows, sheet);
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(bytes)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // Row 7 (index 6) holds "$client : Client" over columns B..D: one merged cell, one pattern.
            book.getSheetAt(0).addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(6, 6, 1, 3));
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theGoalRangesTableGivesTheSameRulesAsCsvAndAsXlsx() throws IOException {
        Path rules = rules();
        Path csv = rules.resolve("goal-ranges.csv");
        DecisionTable fromCsv = DecisionTable.convert("goal-ranges.csv", "goal-ranges.csv", Files.readAllBytes(csv));
        DecisionTable fromXlsx = DecisionTable.convert("goal-ranges.xlsx", "goal-ranges.xlsx", goalRangesWorkbook(csv, "Goal ranges"));

        assertThat(fromXlsx.sheet()).isEqualTo("Goal ranges");
        assertThat(fromCsv.sheet()).isNull();
        assertThat(fromXlsx.ruleRows()).isEqualTo(fromCsv.ruleRows()).hasSize(4);
        assertThat(fromXlsx.drl()).isEqualTo(fromCsv.drl());

        // The folder with the workbook instead of the CSV file compiles to the same rules and answers the same.
        RuleBase withCsv = RuleBase.load(rules);
        Files.delete(csv);
        Files.write(rules.resolve("goal-ranges.xlsx"), goalRangesWorkbook(TestRules.RULES.resolve("goal-ranges.csv"), "Goal ranges"));
        RuleBase withXlsx = RuleBase.load(rules);
        assertThat(withXlsx.rules().keySet()).isEqualTo(withCsv.rules().keySet());
        withCsv.rules().forEach((name, info) -> assertThat(withXlsx.rule(name).metadata()).as(name).isEqualTo(info.metadata()));
        assertThat(withXlsx.rule("Maintenance calls for a session once or twice a month").file())
                .isEqualTo(rules.resolve("goal-ranges.xlsx").toString());
        for (String goal : List.of("RELAXATION", "CHRONIC_PAIN", "INJURY_RECOVERY", "MAINTENANCE")) {
            var client = TestRules.client().goal(goal).medicalApproval(true).guidedByTherapist(true).build();
            Recommendation a = new Evaluator(withCsv).evaluate(client);
            Recommendation b = new Evaluator(withXlsx).evaluate(client);
            assertThat(b.interval()).as(goal).isEqualTo(a.interval());
            assertThat(b.firedRules()).as(goal).isEqualTo(a.firedRules());
        }
    }

    @Test
    void aTableRuleKeepsItsNameMetadataAndRow() {
        RuleBase rb = TestRules.evaluator().ruleBase();
        RuleInfo pain = rb.rule("Chronic pain starts with a session every three to seven days");
        assertThat(pain.file()).endsWith("goal-ranges.csv");
        assertThat(pain.line()).isEqualTo(11);
        assertThat(pain.metadata()).containsEntry("source", "General Guidelines: chronic back pain or stiffness; Bottom Line")
                .containsEntry("evidence", "guidance").containsEntry("reviewed", "2026-11-24");
        assertThat(rb.files().ruleTexts().get("Chronic pain starts with a session every three to seven days"))
                .contains("not SymptomsEasing( client == $client )").contains("conclusions.add( new BaseRange( 3,\n7 ) );");
    }

    @Test
    void aWordWhereANumberBelongsIsRefusedAtItsCell() {
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), CHRONIC_PAIN_ROW, CHRONIC_PAIN_ROW.replace("X,3,7,", "X,three,7,"));
        List<RuleProblem> problems = compileProblems(rules);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).isEqualTo(rules.resolve("goal-ranges.csv") + ":11:F: rule \"Chronic pain starts with a"
                + " session every three to seven days\": three is not a variable bound in the rule's conditions (three)");
        assertThat(problems.get(0).cell()).isEqualTo(new TableCell(null, 11, 6));
    }

    @Test
    void aFractionWhereWholeDaysBelongDoesNotCompileAndNamesTheRow() {
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), CHRONIC_PAIN_ROW, CHRONIC_PAIN_ROW.replace("X,3,7,", "X,3,7.5,"));
        List<RuleProblem> problems = compileProblems(rules);
        assertThat(problems).isNotEmpty();
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("goal-ranges.csv").toString());
            assertThat(p.cell()).isNotNull();
            assertThat(p.cell().row()).isEqualTo(11);
        });
    }

    @Test
    void aWordInAYesNoColumnDoesNotCompileAndIsPlacedAtItsCell() {
        Path rules = rules();
        String injury = "\"Approved, therapist-guided injury recovery allows short gentle sessions a few times a week\",INJURY_RECOVERY,true,true,";
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), injury, injury.replace("INJURY_RECOVERY,true,true,", "INJURY_RECOVERY,maybe,true,"));
        List<RuleProblem> problems = compileProblems(rules);
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).place()).isEqualTo(rules.resolve("goal-ranges.csv") + ":12:C");
        assertThat(problems.get(0).message()).contains("maybe");
    }

    @Test
    void anUnknownGoalTermIsALintErrorAtItsCell() {
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), CHRONIC_PAIN_ROW, CHRONIC_PAIN_ROW.replace(",CHRONIC_PAIN,", ",CHRONIC_PAN,"));
        CheckReport report = new Checker(new Checker.Options(List.of(), true, false, 1)).check(rules);
        List<Finding> errors = report.stages().stream().filter(s -> s.name().equals("lint")).flatMap(s -> s.findings().stream())
                .filter(f -> f.severity() == Finding.Severity.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).location()).isEqualTo(rules.resolve("goal-ranges.csv") + ":11:B");
        assertThat(errors.get(0).message()).startsWith("term (CHRONIC_PAN) is not in vocabulary.yaml").contains("CHRONIC_PAIN");
    }

    @Test
    void aCellThatSmugglesCodeIntoTheConsequenceIsRefusedAtItsCell() {
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), CHRONIC_PAIN_ROW,
                CHRONIC_PAIN_ROW.replace("X,3,7,", "X,\"3, 7 ) ); System.exit( 0 ); conclusions.add( new BaseRange( 3\",7,"));
        List<RuleProblem> problems = RuleAllowlist.check(RuleFiles.read(rules));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).place()).isEqualTo(rules.resolve("goal-ranges.csv") + ":11:F");
        assertThat(problems.get(0).message()).contains("only conclusions.add( new ... ) and insertLogical( new ... ) may be called")
                .contains("System.exit(0)");
        // And nothing of it compiles: loading refuses it before the compiler sees it.
        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(RuleRefusedException.class).hasMessageContaining(":11:F:");
    }

    @Test
    void aCellThatInsertsAConclusionIntoWorkingMemoryIsRefusedAtItsCell() {
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), CHRONIC_PAIN_ROW,
                CHRONIC_PAIN_ROW.replace("X,3,7,", "X,3,\"7 ) ); insert( new BaseRange( 1, 2 ) ); conclusions.add( new BaseRange( 3, 7\","));
        List<RuleProblem> problems = RuleAllowlist.check(RuleFiles.read(rules));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).place()).isEqualTo(rules.resolve("goal-ranges.csv") + ":11:G");
        assertThat(problems.get(0).message()).contains("BaseRange is a conclusion: record it with conclusions.add");
    }

    @Test
    void aConditionCellThatCallsAMethodIsRefusedAtItsCell() {
        Path rules = rules();
        String injury = ",INJURY_RECOVERY,true,true,";
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), injury, ",INJURY_RECOVERY,true || id.getClass() != null,true,");
        List<RuleProblem> problems = RuleAllowlist.check(RuleFiles.read(rules));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).place()).isEqualTo(rules.resolve("goal-ranges.csv") + ":12:C");
        assertThat(problems.get(0).message()).contains("not getClass(...)");
    }

    @Test
    void quotesInATextCellStayInsideTheText() {
        // Drools escapes the quotes of a value put between quotes: the cell cannot close the string and add code.
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), CHRONIC_PAIN_ROW,
                CHRONIC_PAIN_ROW.replace(",CHRONIC_PAIN,", ",\"CHRONIC_PAIN\"\" || id.getClass() != null || goal == \"\"x\","));
        RuleFiles files = RuleFiles.read(rules);
        assertThat(RuleAllowlist.check(files)).isEmpty();
        assertThat(files.ruleTexts().get("Chronic pain starts with a session every three to seven days"))
                .contains("goal == \"CHRONIC_PAIN\\\" || id.getClass() != null || goal == \\\"x\"");
    }

    @Test
    void aTableMayNotSetAnAttributeForTheWholePackage() {
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), ",,,,,,,,,,,\nRuleTable Goal ranges", "PRIORITY,100,,,,,,,,,,\nRuleTable Goal ranges");
        List<RuleProblem> problems = RuleAllowlist.check(RuleFiles.read(rules));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).place()).isEqualTo(rules.resolve("goal-ranges.csv") + ":4:B");
        assertThat(problems.get(0).message()).contains("may not set salience for the whole package").contains("PRIORITY column");
    }

    @Test
    void aTableDroolsCannotReadNamesTheCell() {
        Path rules = rules();
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), "NAME,CONDITION,CONDITION,", "NAME,KONDITION,CONDITION,");
        List<RuleProblem> problems = compileProblems(rules);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).place()).isEqualTo(rules.resolve("goal-ranges.csv") + ":6:B");
        assertThat(problems.get(0).message()).startsWith("decision table: Invalid column header: KONDITION");
    }

    @Test
    void aProblemInAWorkbookNamesTheSheetAndTheCell() throws IOException {
        Path rules = rules();
        Path csv = rules.resolve("goal-ranges.csv");
        RuleFolders.replace(csv, CHRONIC_PAIN_ROW, CHRONIC_PAIN_ROW.replace("X,3,7,", "X,three,7,"));
        Files.write(rules.resolve("goal-ranges.xlsx"), goalRangesWorkbook(csv, "Goal ranges"));
        Files.delete(csv);
        List<RuleProblem> problems = compileProblems(rules);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).startsWith(rules.resolve("goal-ranges.xlsx") + "[Goal ranges]!F11: rule \"Chronic pain");
        assertThat(problems.get(0).cell()).isEqualTo(new TableCell("Goal ranges", 11, 6));
    }

    @Test
    void aFileThatIsNoWorkbookIsOneClearProblem() throws IOException {
        Path rules = rules();
        Files.writeString(rules.resolve("precautions.xlsx"), "not a workbook");
        List<RuleProblem> problems = compileProblems(rules);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).startsWith(rules.resolve("precautions.xlsx") + ": decision table: not a readable XLSX workbook");
    }

    @Test
    void theVersionAndTheArchiveCoverTheTables() throws IOException {
        Path rules = rules();
        RuleFiles before = RuleFiles.read(rules);
        assertThat(before.files()).containsKeys("goal-ranges.csv", "precautions.csv", "body-response.csv", "massage-intensity.csv");
        RuleFolders.replace(rules.resolve("goal-ranges.csv"), CHRONIC_PAIN_ROW, CHRONIC_PAIN_ROW.replace("X,3,7,", "X,4,7,"));
        RuleFiles after = RuleFiles.read(rules);
        assertThat(after.version()).isNotEqualTo(before.version());
        RuleBase changed = RuleBase.compile(after, Vocabulary.load(rules.resolve(Vocabulary.FILE_NAME)));
        assertThat(new Evaluator(changed).evaluate(TestRules.client().goal("CHRONIC_PAIN").build()).interval().minDays()).isEqualTo(4);
    }

    @Test
    void cellPlacesReadAsASpreadsheetWritesThem() {
        assertThat(new TableCell(null, 12, 3).place("goal-ranges.csv")).isEqualTo("goal-ranges.csv:12:C");
        assertThat(new TableCell("Precautions", 12, 3).place("precautions.xlsx")).isEqualTo("precautions.xlsx[Precautions]!C12");
        assertThat(new TableCell(null, 1, 27).columnLetters()).isEqualTo("AA");
        assertThat(new TableCell(null, 1, 52).columnLetters()).isEqualTo("AZ");
    }
}
