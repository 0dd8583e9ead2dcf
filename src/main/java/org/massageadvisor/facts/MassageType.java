package org.massageadvisor.facts;

/** The vocabulary's entry for the client's massage type, inserted beside the client. */
public record MassageType(String name, boolean intense) {
}
