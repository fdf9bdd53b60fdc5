package org.relais.app.support;

import java.util.ArrayList;
import java.util.List;

import org.relais.app.RelaisApplication;

/**
 * The command line of a Relais started in a JVM of its own from the tests' class path, for the tests that kill,
 * restart or multiply instances. Such a JVM spends most of its life starting: it compiles with the client compiler
 * only ({@code TieredStopAtLevel=1}), which on two busy cores brought a start to a healthy answer from about 90 s
 * down to about 35 s; what these tests measure (nothing lost, nothing duplicated, who may read what) does not
 * depend on the optimising compiler.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java} with the heap and compiler options, the class path and Relais' main class, then {@code args}. */
    public static List<String> relais(String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), RelaisApplication.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
