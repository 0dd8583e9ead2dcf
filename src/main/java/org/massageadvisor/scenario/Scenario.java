package org.massageadvisor.scenario;

import org.massageadvisor.client.Client;

/** One scenario file: a client and what its recommendation must be. */
public record Scenario(String file, String name, Client given, Expectation expect) {
}
