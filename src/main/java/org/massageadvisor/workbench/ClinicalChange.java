package org.massageadvisor.workbench;

/** One change in clinical words, e.g. "range for CHRONIC_PAIN: 3-7 days -> 4-7 days", with its file and rule. */
public record ClinicalChange(String path, String rule, String what) {
}
