package org.massageadvisor.batch;

import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Node;

/**
 * One record as read from an input, before validation: its number in the whole batch (from 1, in
 * input order) and either its profile tree, a CSV row (turned into a tree only when it needs one),
 * or why it could not even be parsed.
 */
record RawRecord(long number, Node node, CsvRow row, InputException error) {

    static RawRecord of(long number, Node node) {
        return new RawRecord(number, node, null, null);
    }

    static RawRecord of(long number, CsvRow row) {
        return new RawRecord(number, null, row, null);
    }

    static RawRecord bad(long number, InputException error) {
        return new RawRecord(number, null, null, error);
    }

    /** The profile tree, built from the CSV row if that is what was read. */
    Node tree() {
        return node != null ? node : row.node();
    }
}
