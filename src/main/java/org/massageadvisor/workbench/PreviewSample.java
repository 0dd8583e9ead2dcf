package org.massageadvisor.workbench;

/** One logged decision that a draft would change: its direction, log entry, client, and the answer before and after. */
public record PreviewSample(String direction, long seq, String client, String before, String after) {
}
