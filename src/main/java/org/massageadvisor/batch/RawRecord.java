package org.massageadvisor.batch;

import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Node;

/**
 * One record as read from an input, before validation: its number in the whole batch (from 1, in
 * input order) and either its profile tree, or why it could not even be parsed.
 */
record RawRecord(long number, Node node, InputException error) {

    static RawRecord of(long number, Node node) {
        return new RawRecord(number, node, null);
    }

    static RawRecord bad(long number, InputException error) {
        return new RawRecord(number, null, error);
    }
}
