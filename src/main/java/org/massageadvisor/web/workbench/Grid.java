package org.massageadvisor.web.workbench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV decision table as the grid editor shows it: rows of cells (rows may differ in length, as Drools
 * CSV tables do). Parsed and written with Jackson's CSV module; a cell is quoted only when it must be.
 */
record Grid(List<List<String>> rows) {

    /** Bounds on what a posted grid may hold. */
    static final int MAX_ROWS = 1_000;
    static final int MAX_COLUMNS = 40;

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    Grid {
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** @throws IllegalArgumentException if the text is not CSV */
    static Grid parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(text)) {
            while (it.hasNextValue()) {
                rows.add(Arrays.asList(it.nextValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a CSV table (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return new Grid(rows);
    }

    /** The widest row's length: the grid's column count. */
    int columns() {
        return rows.stream().mapToInt(List::size).max().orElse(0);
    }

    String cell(int row, int column) {
        List<String> r = rows.get(row);
        return column < r.size() ? r.get(column) : "";
    }

    /** The CSV text: each row as long as its last non-empty cell (or as it was, when given). */
    String write(int[] widths) {
        StringWriter out = new StringWriter();
        try {
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                int width = row.size();
                while (width > 0 && row.get(width - 1).isEmpty() && (widths == null || r >= widths.length || width > widths[r])) {
                    width--;
                }
                if (width == 0) {
                    out.write("\n");
                } else {
                    CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValue(out, row.subList(0, width).toArray(String[]::new));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The spreadsheet name of a cell: column letters and row number, e.g. {@code B7}. */
    static String name(int row, int column) {
        StringBuilder letters = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.toString() + (row + 1);
    }
}
