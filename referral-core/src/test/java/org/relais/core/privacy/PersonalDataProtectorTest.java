package org.relais.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.testing.InMemorySubjectKeys;
import org.relais.core.testing.TestPrivacy;

class PersonalDataProtectorTest {

    private final InMemorySubjectKeys keys = new InMemorySubjectKeys();
    private final PersonalDataProtector protector =
            new PersonalDataProtector(keys, TestPrivacy.masterKey(), new SecureRandom());
    private final PersonalDetails details = new PersonalDetails("Léa Martin", "06 12 34 56 78", "Claire Martin",
            "claire@example.org", "Photos shared in a class group", List.of("https://social.example/p/123"));

    @Test
    void sealed_values_hide_the_clear_text_and_open_back_to_it() {
        SealedPersonalDetails sealed = protector.seal("r-1", details);

        assertThat(sealed.toString()).doesNotContain("Léa", "Martin", "06 12", "claire@", "Photos", "social.example");
        assertThat(protector.open("r-1", sealed)).contains(details);
        assertThat(keys.find("r-1")).get().extracting(k -> k.key().masterKeyId()).isEqualTo("test");
    }

    @Test
    void a_value_moved_to_another_field_does_not_open() {
        SealedPersonalDetails sealed = protector.seal("r-1", details);
        SealedPersonalDetails swapped = new SealedPersonalDetails("r-1", sealed.narrative(), sealed.victimContact(),
                sealed.reporterName(), sealed.reporterContact(), sealed.victimName(), sealed.contentUrls());

        assertThat(protector.open("r-1", swapped)).isEmpty();
    }

    @Test
    void details_copied_from_another_case_do_not_open_for_it_whatever_subject_they_claim() {
        protector.seal("r-1", details);
        SealedPersonalDetails ofTheOtherCase = protector.seal("r-2", details);
        SealedPersonalDetails claimingThisCase = new SealedPersonalDetails("r-1", ofTheOtherCase.victimName(),
                null, null, null, null, List.of());
        SealedPersonalDetails ownWithOneForeignField = new SealedPersonalDetails("r-1",
                protector.seal("r-1", details).victimName(), null, null, null, ofTheOtherCase.narrative(), List.of());

        assertThat(protector.open("r-1", ofTheOtherCase)).as("a block naming the other case").isEmpty();
        assertThat(protector.open("r-1", claimingThisCase)).as("a block renamed to this case").isEmpty();
        assertThat(protector.open("r-1", ownWithOneForeignField)).as("one field from the other case").isEmpty();
        assertThat(protector.open("r-2", ofTheOtherCase)).as("still its own case's").contains(details);
    }

    @Test
    void a_transfer_text_opens_for_its_own_transfer_of_its_own_case_only() {
        protector.seal("r-1", details);
        protector.seal("r-2", details);
        String sealed = protector.sealTransferText("r-1", "t-1", SealedTextFields.TRANSFER_MESSAGE, "Call after 6 pm");

        assertThat(sealed).startsWith("v2:").doesNotContain("Call");
        assertThat(protector.openTransferText("r-1", "t-1", SealedTextFields.TRANSFER_MESSAGE, sealed))
                .contains("Call after 6 pm");
        assertThat(protector.openTransferText("r-1", "t-2", SealedTextFields.TRANSFER_MESSAGE, sealed))
                .as("another transfer of the same case").isEmpty();
        assertThat(protector.openTransferText("r-2", "t-1", SealedTextFields.TRANSFER_MESSAGE, sealed))
                .as("a transfer of the same id in another case").isEmpty();
        assertThat(protector.openTransferText("r-1", "t-1", SealedTextFields.DECLINE_REASON, sealed))
                .as("another field of the same transfer").isEmpty();
        assertThat(protector.openText("r-1", SealedTextFields.TRANSFER_MESSAGE, sealed))
                .as("read as a text of the case").isEmpty();
        assertThat(protector.openTransferText("r-1", "t-1", SealedTextFields.TRANSFER_MESSAGE, "v2:not base64!"))
                .as("garbage").isEmpty();
    }

    @Test
    void a_field_and_a_transfer_id_that_join_into_the_same_string_do_not_bind_the_same_way() {
        protector.seal("r-1", details);
        String sealed = protector.sealTransferText("r-1", "t/1", "transfer.message", "text");

        assertThat(protector.openTransferText("r-1", "1", "transfer.message/t", sealed)).isEmpty();
    }

    @Test
    void a_case_text_copied_to_another_case_does_not_open_there() {
        protector.seal("r-1", details);
        protector.seal("r-2", details);
        String sealed = protector.sealText("r-1", SealedTextFields.CLOSURE_NOTE, "Closed");

        assertThat(protector.openText("r-2", SealedTextFields.CLOSURE_NOTE, sealed)).isEmpty();
        assertThat(protector.openText("r-1", SealedTextFields.CLOSURE_NOTE, sealed)).contains("Closed");
    }

    @Test
    void erased_subject_no_longer_opens_and_cannot_be_written_again() {
        SealedPersonalDetails sealed = protector.seal("r-1", details);

        protector.erase("r-1");

        assertThat(protector.open("r-1", sealed)).isEmpty();
        assertThat(protector.isErased("r-1")).isTrue();
        assertThatThrownBy(() -> protector.seal("r-1", details))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REFERRAL_ERASED));
    }

    @Test
    void another_master_key_cannot_open_the_data_keys() {
        SealedPersonalDetails sealed = protector.seal("r-1", details);
        PersonalDataProtector other = new PersonalDataProtector(keys,
                MasterKey.fromBase64("test", java.util.Base64.getEncoder().encodeToString(new byte[32])),
                new SecureRandom());

        assertThatThrownBy(() -> other.open("r-1", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void redacted_to_string_never_shows_clear_personal_data() {
        assertThat(details.toString()).isEqualTo("PersonalDetails[redacted]");
    }

    @Test
    void rotating_the_master_key_keeps_every_field_readable_and_rewraps_each_data_key_once() {
        MasterKey first = TestPrivacy.masterKey();
        PersonalDataProtector before = new PersonalDataProtector(keys, first, new SecureRandom());
        SealedPersonalDetails one = before.seal("r-1", details);
        SealedPersonalDetails two = before.seal("r-2", details);
        before.erase("r-2");

        MasterKey second = MasterKey.fromBase64("k2", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        PersonalDataProtector after = new PersonalDataProtector(keys,
                new MasterKeyring(second, java.util.List.of(first)), new SecureRandom());

        assertThat(after.open("r-1", one)).as("readable through the previous key before re-wrapping").contains(details);
        assertThat(after.rewrapOutdated(100)).isEqualTo(1);
        assertThat(after.rewrapOutdated(100)).isZero();
        assertThat(keys.find("r-1")).get().extracting(k -> k.key().masterKeyId()).isEqualTo("k2");

        PersonalDataProtector withoutTheOldKey = new PersonalDataProtector(keys, second, new SecureRandom());
        assertThat(withoutTheOldKey.open("r-1", one)).as("readable with the new key alone").contains(details);
        assertThat(withoutTheOldKey.open("r-2", two)).as("erased stays erased").isEmpty();
    }
}
