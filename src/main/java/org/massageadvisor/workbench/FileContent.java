package org.massageadvisor.workbench;

/** The text of one rules file, and the rule set version it was read from (the base of an edit). */
public record FileContent(String path, String kind, String text, String rulesetVersion) {
}
