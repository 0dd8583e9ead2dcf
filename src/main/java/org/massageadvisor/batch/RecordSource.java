package org.massageadvisor.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Node;
import org.massageadvisor.client.Position;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.client.Suggestions;
import org.massageadvisor.io.Bounded;

/**
 * The records of a batch's inputs, streamed in input order: CSV files (a header row, then one client
 * a row), JSONL files (one client a line) and single JSON/YAML profiles, given directly or found in
 * folders. Every record becomes a position-keeping {@link Node} for {@link ProfileReader}, so a bad
 * record is reported exactly as a bad single file is. Nothing here holds more than one record.
 */
final class RecordSource {

    /** What kind of input a file is, by its extension. */
    enum Kind { CSV, JSONL, PROFILE }

    /** One input file and its kind. */
    record Input(Path path, Kind kind) {
    }

    /** A cell longer than a record may be is refused, so an unclosed quote cannot read a whole file into one cell. */
    private static final CsvMapper CSV = new CsvMapper(com.fasterxml.jackson.dataformat.csv.CsvFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(Bounded.RECORD).build())
            .build());

    private final List<Input> inputs;
    private final AtomicLong charsRead = new AtomicLong();
    /** Records read so far; written by the reading thread only, read by the progress display. */
    private volatile long number;

    private final long totalBytes;

    private RecordSource(List<Input> inputs) {
        this.inputs = inputs;
        this.totalBytes = sizeOf(inputs);
    }

    /**
     * The files behind the arguments: files as given, folders walked for {@code .json}, {@code .yaml}
     * and {@code .yml} profiles in path order.
     *
     * @throws InputException for a missing path or a file of an unknown kind (before anything is read)
     */
    static RecordSource of(List<Path> paths) {
        List<Input> inputs = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> kindOf(f) == Kind.PROFILE).sorted()
                            .forEach(f -> inputs.add(new Input(f, Kind.PROFILE)));
                } catch (IOException | UncheckedIOException e) {
                    throw new InputException(Position.of(p.toString()), "cannot read the folder: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                Kind kind = kindOf(p);
                if (kind == null) {
                    throw new InputException(Position.of(p.toString()),
                            "unknown input kind; batch inputs are .csv, .jsonl, .json, .yaml or .yml files, or folders");
                }
                inputs.add(new Input(p, kind));
            } else {
                throw new InputException(Position.of(p.toString()), "no such file or folder");
            }
        }
        return new RecordSource(inputs);
    }

    static Kind kindOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Kind.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Kind.JSONL;
        }
        if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Kind.PROFILE;
        }
        return null;
    }

    List<Input> inputs() {
        return inputs;
    }

    /** Total size of the inputs in bytes (for the progress bar's estimate). */
    long totalBytes() {
        return totalBytes;
    }

    private static long sizeOf(List<Input> inputs) {
        long total = 0;
        for (Input i : inputs) {
            try {
                total += Files.size(i.path());
            } catch (IOException e) {
                // Unknown size: the ETA is only an estimate anyway.
            }
        }
        return total;
    }

    /** Characters read so far, about the bytes for the mostly-ASCII inputs batches are made of. */
    long charsRead() {
        return charsRead.get();
    }

    /**
     * The number of records the inputs hold: exact once they are read, until then extrapolated from
     * the records and bytes read so far; 0 while nothing has been read.
     */
    long estimatedRecords() {
        long chars = charsRead.get();
        long records = number;
        long total = totalBytes;
        if (chars <= 0 || records <= 0) {
            return 0;
        }
        if (chars >= total) {
            return records;
        }
        // An extrapolation: three significant figures, so the display does not flicker in the last digits.
        double estimate = (double) records * total / chars;
        double unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(estimate)) - 2));
        return Math.max(records, Math.round(estimate / unit) * (long) unit);
    }

    /** Hands every record to {@code sink}, in input order. Unreadable files and lines become bad records. */
    void forEach(Consumer<RawRecord> sink) {
        for (Input input : inputs) {
            long before = charsRead.get();
            String name = input.path().toString();
            if (input.kind() == Kind.PROFILE) {
                try {
                    Bounded.checkSize(input.path(), Bounded.DOCUMENT, "the profile");
                } catch (InputException e) {
                    sink.accept(RawRecord.bad(++number, e));
                    continue;
                }
            }
            // A byte-order mark (Excel's "CSV UTF-8") is skipped.
            try (Reader reader = Bounded.withoutBom(Files.newInputStream(input.path()))) {
                if (input.kind() == Kind.CSV) {
                    readCsv(reader, name, sink);
                } else if (input.kind() == Kind.JSONL) {
                    readJsonl(reader, name, sink);
                } else {
                    sink.accept(single(reader, name));
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                sink.accept(RawRecord.bad(++number, new InputException(Position.of(name), "not UTF-8 text (is it a binary file?)")));
            } catch (IOException e) {
                sink.accept(RawRecord.bad(++number, new InputException(Position.of(name), "cannot read: " + e.getMessage())));
            }
            try {
                charsRead.set(before + Files.size(input.path()));
            } catch (IOException e) {
                // Progress only.
            }
        }
    }

    private RawRecord single(Reader reader, String name) {
        long n = ++number;
        try {
            return RawRecord.of(n, Node.read(ProfileReader.mapperFor(name), reader, name));
        } catch (InputException e) {
            return RawRecord.bad(n, e);
        }
    }

    /**
     * One JSON object a line; blank lines are skipped; a bad line is one bad record and reading goes on.
     * A line longer than {@link Bounded#RECORD} is skipped unread (one bad record).
     */
    private void readJsonl(Reader reader, String name, Consumer<RawRecord> sink) throws IOException {
        long base = charsRead.get();
        long chars = 0;
        int lineNo = 0;
        Bounded.Lines lines = new Bounded.Lines(reader, Bounded.RECORD);
        Bounded.Lines.Line next;
        while ((next = lines.next()) != null) {
            lineNo++;
            chars += next.length() + 1;
            if (next.tooLong()) {
                sink.accept(RawRecord.bad(++number, new InputException(new Position(name, lineNo, 1), "the line is "
                        + Bounded.human(next.length()) + "; a record may be at most " + Bounded.human(Bounded.RECORD))));
                continue;
            }
            String line = next.text();
            if (line.isBlank()) {
                continue;
            }
            long n = ++number;
            try {
                Node node = Node.read(ProfileReader.mapperFor(name), new StringReader(line), name);
                sink.accept(RawRecord.of(n, onLine(node, lineNo)));
            } catch (InputException e) {
                sink.accept(RawRecord.bad(n, onLine(e, lineNo)));
            }
            if ((lineNo & 1023) == 0) {
                charsRead.set(base + chars);
            }
        }
    }

    /** A line parsed on its own says "line 1"; this moves every position to the line it came from. */
    static Node onLine(Node node, int line) {
        if (node instanceof Node.Obj o) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Map<String, Position> keys = new LinkedHashMap<>();
            o.fields().forEach((k, v) -> fields.put(k, onLine(v, line)));
            o.keys().forEach((k, v) -> keys.put(k, onLine(v, line)));
            return new Node.Obj(fields, keys, onLine(o.at(), line));
        }
        if (node instanceof Node.Arr a) {
            List<Node> items = new ArrayList<>(a.items().size());
            a.items().forEach(i -> items.add(onLine(i, line)));
            return new Node.Arr(items, onLine(a.at(), line));
        }
        Node.Scalar s = (Node.Scalar) node;
        return new Node.Scalar(s.value(), onLine(s.at(), line));
    }

    private static Position onLine(Position p, int line) {
        return new Position(p.file(), line, p.column());
    }

    private static InputException onLine(InputException e, int line) {
        Position at = e.position();
        String message = e.getMessage().substring(Math.min(e.getMessage().length(), at.toString().length() + 2));
        return new InputException(onLine(at, line), message);
    }

    /**
     * A header row naming profile fields, then one client a row. A row with more cells than the header
     * is a bad record; fewer cells leave the rest empty (the defaults). A bad header rejects the file
     * (one bad record), since no row of it could be read right.
     */
    private void readCsv(Reader reader, String name, Consumer<RawRecord> sink) throws IOException {
        long base = charsRead.get();
        // Where the row being read starts: an unclosed quote is only noticed at the end of the file.
        int rowLine = 0;
        int lastCellLine = 0;
        try (CsvParser parser = (CsvParser) CSV.getFactory().createParser(reader)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            CsvRow.Header header = null;
            int rows = 0;
            // WRAP_AS_ARRAY: the whole file is one array of rows, each an array of cells.
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                sink.accept(RawRecord.bad(++number, new InputException(Position.of(name), "the file is empty; it needs a header row")));
                return;
            }
            int width = 12;
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                rowLine = parser.currentTokenLocation().getLineNr();
                // Cells and where they stood, as plain numbers: Position objects only for a header or a bad row.
                List<String> cells = new ArrayList<>(width);
                int[] lines = new int[width];
                int[] columns = new int[width];
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    if (cells.size() == lines.length) {
                        lines = java.util.Arrays.copyOf(lines, lines.length * 2);
                        columns = java.util.Arrays.copyOf(columns, columns.length * 2);
                    }
                    JsonLocation loc = parser.currentTokenLocation();
                    lines[cells.size()] = loc.getLineNr();
                    columns[cells.size()] = loc.getColumnNr();
                    lastCellLine = loc.getLineNr();
                    cells.add(parser.getText());
                }
                if (header == null) {
                    List<Position> cellAt = new ArrayList<>(cells.size());
                    for (int i = 0; i < cells.size(); i++) {
                        cellAt.add(new Position(name, lines[i], columns[i]));
                    }
                    Position rowAt = cellAt.isEmpty() ? at(parser, name) : new Position(name, cellAt.get(0).line(), 1);
                    InputException bad = checkHeader(cells, cellAt, rowAt);
                    if (bad != null) {
                        sink.accept(RawRecord.bad(++number, bad));
                        return;
                    }
                    header = CsvRow.Header.of(name, cells, cellAt);
                    width = cells.size();
                    continue;
                }
                long n = ++number;
                int size = header.fields().size();
                if (cells.size() > size) {
                    sink.accept(RawRecord.bad(n, new InputException(new Position(name, lines[size], columns[size]), "the row has "
                            + cells.size() + " cells but the header names " + size + " fields (" + cells.get(size) + ")")));
                } else if (cells.isEmpty()) {
                    sink.accept(RawRecord.of(n, new Node.Obj(Map.of(), Map.of(), at(parser, name))));
                } else {
                    sink.accept(RawRecord.of(n, new CsvRow(header, cells.toArray(new String[0]),
                            java.util.Arrays.copyOf(lines, cells.size()), java.util.Arrays.copyOf(columns, cells.size()))));
                }
                if ((++rows & 1023) == 0) {
                    charsRead.set(base + parser.currentLocation().getCharOffset());
                }
            }
        } catch (JsonProcessingException e) {
            // Broken quoting leaves no reliable place to resume: the rest of this file is one bad record.
            JsonLocation loc = e.getLocation();
            Position at = loc == null ? Position.of(name) : new Position(name, loc.getLineNr(), loc.getColumnNr());
            String msg = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines().findFirst().orElse("");
            if (msg.contains("closing quote")) {
                int line = lastCellLine >= rowLine ? lastCellLine : rowLine;
                at = new Position(name, Math.max(line, 1), 0);
                msg = "a quote opened on this line is never closed";
            }
            sink.accept(RawRecord.bad(++number, new InputException(at, "not valid CSV, the rest of the file is skipped: " + msg)));
        }
    }

    private static InputException checkHeader(List<String> cells, List<Position> cellAt, Position rowAt) {
        if (cells.isEmpty()) {
            return new InputException(rowAt, "the header row is empty; it must name the profile fields");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String field = cells.get(i).trim();
            cells.set(i, field);
            if (!ProfileReader.FIELDS.contains(field)) {
                return new InputException(cellAt.get(i), "unknown field (" + field + ") in the header row"
                        + Suggestions.hint(field, ProfileReader.FIELDS) + "; no row of this file was read");
            }
            if (!seen.add(field)) {
                return new InputException(cellAt.get(i), "field (" + field + ") is named twice in the header row; no row of this file was read");
            }
        }
        return null;
    }

    private static Position at(JsonParser parser, String name) {
        JsonLocation loc = parser.currentTokenLocation();
        return new Position(name, loc.getLineNr(), loc.getColumnNr());
    }
}
