package org.relais.app.consistency;

import java.util.Set;

/** The processing groups of every read model: what a read that names none waits for. */
public interface ReadModelNames {

    Set<String> names();
}
