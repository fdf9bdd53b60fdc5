package org.relais.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.core.privacy.MasterKeyEpoch;
import org.relais.app.keys.KeyDirectory;

/** The embedded default's master-key epochs, kept in the key directory across restarts. */
class MasterKeyLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-31T00:00:00Z");
    private static final Instant T2 = Instant.parse("2027-02-04T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void givenAnUpgradeWithAMasterKeyInTheDataDirectory_whenTheLedgerOpens_thenThatKeyIsTheFirstEpoch() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        String legacy = Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(data.resolve("master.key"), legacy);

        List<MasterKeyEpoch> epochs = MasterKeyLedger.open(keys(), "k1", T0).liveEpochs();

        assertThat(epochs).extracting(MasterKeyEpoch::id).containsExactly("k1");
        assertThat(epochs.get(0).from()).isEqualTo(T0);
        assertThat(Files.readString(root.resolve("keys/master.key")).trim()).isEqualTo(legacy);
        assertThat(data.resolve("master.key")).doesNotExist();
    }

    @Test
    void givenANewEpoch_whenTheLedgerIsOpenedAgain_thenBothEpochsAreThereWithTheSameKeysOwnerOnly() throws Exception {
        MasterKeyLedger ledger = MasterKeyLedger.open(keys(), "k1", T0);
        MasterKeyEpoch next = ledger.startNext(T1);

        List<MasterKeyEpoch> reopened = MasterKeyLedger.open(keys(), "k1", T2).liveEpochs();

        assertThat(reopened).extracting(MasterKeyEpoch::id, MasterKeyEpoch::from)
                .containsExactly(tuple("k1", T0), tuple("k2", T1));
        assertThat(reopened.get(1).key().id()).isEqualTo(next.key().id());
        for (String file : List.of("master.key", "master-k2.key", MasterKeyLedger.LEDGER)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("keys").resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void givenADestroyedEpoch_whenTheLedgerIsOpenedAgain_thenItsKeyIsNowhereInTheKeyDirectory() throws Exception {
        MasterKeyLedger ledger = MasterKeyLedger.open(keys(), "k1", T0);
        byte[] destroyedKey = Files.readAllBytes(root.resolve("keys/master.key"));
        ledger.startNext(T1);

        ledger.destroy("k1", T2);

        assertThat(MasterKeyLedger.open(keys(), "k1", T2).liveEpochs()).extracting(MasterKeyEpoch::id)
                .containsExactly("k2");
        assertThat(ledger.destroyedAt("k1")).contains(T2);
        assertThat(root.resolve("keys/master.key")).doesNotExist();
        String base64 = new String(destroyedKey, StandardCharsets.US_ASCII).trim();
        byte[] raw = Base64.getDecoder().decode(base64);
        try (Stream<Path> files = Files.list(root.resolve("keys"))) {
            for (Path file : files.toList()) {
                byte[] content = Files.readAllBytes(file);
                assertThat(indexOf(content, base64.getBytes(StandardCharsets.US_ASCII))).as(file.toString()).isNegative();
                assertThat(indexOf(content, raw)).as(file.toString()).isNegative();
            }
        }
    }

    @Test
    void givenACrashAfterTheDestructionWasRecorded_whenTheLedgerOpens_thenTheKeyFileIsDestroyed() throws Exception {
        MasterKeyLedger ledger = MasterKeyLedger.open(keys(), "k1", T0);
        ledger.startNext(T1);
        Path ledgerFile = root.resolve("keys").resolve(MasterKeyLedger.LEDGER);
        Files.writeString(ledgerFile, Files.readString(ledgerFile).replace("master.key", "master.key " + T2));

        MasterKeyLedger.open(keys(), "k1", T2);

        assertThat(root.resolve("keys/master.key")).doesNotExist();
    }

    @Test
    void givenALiveEpochsKeyFileIsMissing_whenTheLedgerOpens_thenTheStartStopsRatherThanMakeANewKey() throws Exception {
        MasterKeyLedger ledger = MasterKeyLedger.open(keys(), "k1", T0);
        ledger.startNext(T1);
        Files.delete(root.resolve("keys/master-k2.key"));

        assertThatThrownBy(() -> MasterKeyLedger.open(keys(), "k1", T2).liveEpochs())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("k2");
        assertThat(root.resolve("keys/master-k2.key")).doesNotExist();
    }

    private KeyDirectory keys() {
        return new KeyDirectory(root.resolve("keys"), root.resolve("data"));
    }

    private static int indexOf(byte[] content, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= content.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (content[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
