/**
 * The program's edges with the machine: text printed to a terminal ({@link org.massageadvisor.io.Terminal}),
 * files read under a size cap ({@link org.massageadvisor.io.Bounded}), outputs that may not overwrite an
 * input ({@link org.massageadvisor.io.OutputGuard}) and failures of the machine rather than of the input
 * ({@link org.massageadvisor.io.EnvironmentException}).
 */
package org.massageadvisor.io;
