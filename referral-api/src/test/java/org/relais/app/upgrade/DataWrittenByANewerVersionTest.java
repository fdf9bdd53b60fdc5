package org.relais.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A data directory whose record says a newer version wrote it (a newer version of Relais, a newer schema, a newer
 * event revision, a newer read side shape): Relais refuses to start with a message naming the version that wrote
 * the data and the one running, without a stack trace, and every file of the data directory and the key directory
 * is as it was.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataWrittenByANewerVersionTest {

    @Test
    void data_of_a_newer_version_of_relais_with_a_newer_read_side_is_refused_and_left_as_it_was(
            CapturedOutput output) {
        String message = refusedWith(Map.of(DataRecord.APPLICATION_VERSION, "99.0.0", DataRecord.READ_SIDE_SHAPE,
                "99"));
        assertThat(message).contains("was written by Relais 99.0.0, and this is Relais "
                        + KnownDataFormat.applicationVersion() + ":")
                .contains("read side shape 99").contains("application version 99.0.0")
                .contains("refuses to start and changed nothing");
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains("Start Relais 99.0.0 or later")
                .doesNotContain("at org.relais.app.upgrade");
    }

    @Test
    void a_newer_schema_is_refused_and_left_as_it_was() {
        assertThat(refusedWith(Map.of(DataRecord.SCHEMA_VERSION, "99"))).contains("schema version 99 (this version "
                + "knows up to ");
    }

    @Test
    void a_newer_event_revision_or_an_unknown_event_type_is_refused_and_left_as_it_was() {
        Map<String, Integer> revisions = new java.util.TreeMap<>(KnownDataFormat.eventRevisions());
        revisions.put("ReferralReceivedEvent", revisions.get("ReferralReceivedEvent") + 1);
        revisions.put("SomethingNewEvent", 1);
        String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(revisions);
        assertThat(refusedWith(Map.of(DataRecord.EVENT_REVISIONS, json)))
                .contains("event ReferralReceivedEvent revision " + revisions.get("ReferralReceivedEvent"))
                .contains("event type SomethingNewEvent (unknown to this version)");
    }

    /** Starts on a copy of the fixture whose record has these items; answers the refusal's message. */
    private static String refusedWith(Map<String, String> newer) {
        Path root = TestDataDirs.create("newer-data");
        UpgradeFixtures.copy(UpgradeFixtures.V0_1_0, root);
        Path data = root.resolve("data");
        UpgradeFixtures.setRecord(data.resolve("events.db"), newer);
        Map<String, String> before = UpgradeFixtures.contents(root);

        String[] message = new String[1];
        assertThatThrownBy(() -> UpgradeFixtures.start(data, root.resolve("keys")).close())
                .satisfies(failure -> message[0] = UpgradeFromAnOlderDataDirectoryTest.refusal(failure).getMessage());

        assertThat(UpgradeFixtures.contents(root)).isEqualTo(before);
        return message[0];
    }
}
