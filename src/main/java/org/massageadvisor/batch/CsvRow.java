package org.massageadvisor.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Node;
import org.massageadvisor.client.Position;
import org.massageadvisor.client.Vocabulary;

/**
 * One CSV row as read: its cells in header order and where each cell stood, kept as plain numbers.
 * A row whose every cell is already in canonical form becomes a {@link Client} directly
 * ({@link #client}); anything else (a lower-case term, a typo, a missing field) goes the long way, as
 * a position-keeping {@link Node} for the profile reader, so every message stays exactly as for a
 * profile file. Position objects are made only on that path.
 */
record CsvRow(Header header, String[] cells, int[] lines, int[] columns) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The header of one file, mapped to profile fields once. */
    record Header(String file, List<String> fields, List<Position> at, int[] slot) {

        /** Header column index of each profile field in {@link #FIELD_ORDER}, or -1 when the file has no such column. */
        static Header of(String file, List<String> fields, List<Position> at) {
            int[] slot = new int[FIELD_ORDER.size()];
            java.util.Arrays.fill(slot, -1);
            for (int i = 0; i < fields.size(); i++) {
                slot[FIELD_ORDER.indexOf(fields.get(i))] = i;
            }
            return new Header(file, List.copyOf(fields), List.copyOf(at), slot);
        }
    }

    static final List<String> FIELD_ORDER = org.massageadvisor.client.ProfileReader.FIELDS;
    private static final int ID = 0;
    private static final int GOAL = 1;
    private static final int TYPE = 2;
    private static final int BODY = 3;
    private static final int CONDITIONS = 4;
    private static final int ACTIVITY = 5;
    private static final int APPROVAL = 6;
    private static final int GUIDED = 7;
    private static final int WEEKS = 8;
    private static final int TREND = 9;
    private static final int AGE = 10;
    private static final int LAST_MASSAGE_DATE = 11;

    /** The row as the profile reader's input, with every position (the long way). */
    Node node() {
        Map<String, Node> fields = new LinkedHashMap<>();
        Map<String, Position> keys = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            String field = header.fields().get(i);
            fields.put(field, new Node.Scalar(NODES.textNode(cells[i]), new Position(header.file(), lines[i], columns[i])));
            keys.put(field, header.at().get(i));
        }
        return new Node.Obj(fields, keys, new Position(header.file(), lines[0], 1));
    }

    /**
     * The client, when every cell is canonical and valid as it stands; null when the row needs the
     * profile reader (to normalise a term or to report an error).
     */
    Client client(Vocabulary vocabulary) {
        // A date is checked against today's date by the profile reader (not in the future, a real date).
        if (!cell(LAST_MASSAGE_DATE).isBlank()) {
            return null;
        }
        String goal = term(vocabulary, Category.GOAL, GOAL);
        String type = term(vocabulary, Category.MASSAGE_TYPE, TYPE);
        String activity = term(vocabulary, Category.ACTIVITY_LEVEL, ACTIVITY);
        if (goal == null || type == null || activity == null) {
            return null;
        }
        String trend = null;
        String trendCell = cell(TREND);
        if (!trendCell.isBlank()) {
            trend = term(vocabulary, Category.SYMPTOM_TREND, TREND);
            if (trend == null) {
                return null;
            }
        }
        List<String> body = terms(vocabulary, Category.BODY_RESPONSE, BODY);
        List<String> conditions = terms(vocabulary, Category.CONDITION, CONDITIONS);
        int approval = bool(APPROVAL);
        int guided = bool(GUIDED);
        int weeks = number(WEEKS, 9);
        int age = number(AGE, 3);
        if (body == null || conditions == null || approval < 0 || guided < 0 || weeks < -1 || age < -1 || age > Client.OLDEST) {
            return null;
        }
        String id = cell(ID);
        return new Client(id.isBlank() ? null : id, goal, type, body, conditions, activity, approval == 1, guided == 1,
                Math.max(weeks, 0), trend, age < 0 ? null : age);
    }

    /** The cell of a profile field, or "" when the file has no such column or the row stops short. */
    private String cell(int field) {
        int i = header.slot()[field];
        return i < 0 || i >= cells.length ? "" : cells[i];
    }

    private String term(Vocabulary vocabulary, Category category, int field) {
        String c = cell(field);
        return vocabulary.terms(category).containsKey(c) ? c : null;
    }

    private List<String> terms(Vocabulary vocabulary, Category category, int field) {
        String c = cell(field);
        if (c.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        int start = 0;
        while (start <= c.length()) {
            int end = c.indexOf(';', start);
            if (end < 0) {
                end = c.length();
            }
            String part = c.substring(start, end);
            if (!part.isBlank()) {
                if (!vocabulary.terms(category).containsKey(part)) {
                    return null;
                }
                out.add(part);
            }
            start = end + 1;
        }
        return out.size() < 2 ? out : List.copyOf(new LinkedHashSet<>(out));
    }

    /** 1 for "true", 0 for "false" or nothing, -1 for anything the reader must judge. */
    private int bool(int field) {
        String c = cell(field);
        if (c.isEmpty() || c.equals("false")) {
            return 0;
        }
        return c.equals("true") ? 1 : -1;
    }

    /** A whole number of up to {@code digits} digits and nothing else; -1 when the cell is empty, -2 for anything else. */
    private int number(int field, int digits) {
        String c = cell(field);
        if (c.isEmpty()) {
            return -1;
        }
        if (c.length() > digits) {
            return -2;
        }
        int n = 0;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch < '0' || ch > '9') {
                return -2;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}
