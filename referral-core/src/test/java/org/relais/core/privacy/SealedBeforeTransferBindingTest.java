package org.relais.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.testing.InMemorySubjectKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored events are forever: values sealed before a transfer's texts were bound to their transfer (format v1, the
 * sample was written by that code) still open for their own case, and only for it.
 */
class SealedBeforeTransferBindingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonNode sample;
    private PersonalDataProtector protector;

    @BeforeEach
    void storeTheSamplesKey() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/sealed-samples/v1-before-transfer-binding.json")) {
            sample = JSON.readTree(in);
        }
        InMemorySubjectKeys keys = new InMemorySubjectKeys();
        keys.insert(sample.get("subjectId").asString(), new WrappedKey(sample.get("masterKeyId").asString(),
                Base64.getDecoder().decode(sample.get("wrappedDataKey").asString())));
        protector = new PersonalDataProtector(keys,
                MasterKey.fromBase64(sample.get("masterKeyId").asString(), sample.get("masterKey").asString()),
                new SecureRandom());
        protector.seal("r-other", new PersonalDetails(null, null, null, null, "another case", java.util.List.of()));
    }

    @Test
    void old_personal_details_open_for_their_own_case_only() {
        SealedPersonalDetails sealed = JSON.treeToValue(sample.get("personalData"), SealedPersonalDetails.class);

        PersonalDetails opened = protector.open("r-legacy", sealed).orElseThrow();
        assertThat(opened.victimName()).isEqualTo(sample.at("/clear/victimName").asString());
        assertThat(opened.narrative()).isEqualTo(sample.at("/clear/narrative").asString());
        assertThat(protector.open("r-other", sealed)).isEmpty();
    }

    @Test
    void old_transfer_texts_open_for_any_transfer_of_their_own_case_and_for_no_other_case() {
        for (JsonNode text : sample.get("texts")) {
            String field = text.get("field").asString();
            String sealed = text.get("sealed").asString();
            if (!field.startsWith("transfer.")) {
                continue;
            }
            assertThat(protector.openTransferText("r-legacy", "t-1", field, sealed)).as(field)
                    .contains(text.get("clear").asString());
            assertThat(protector.openTransferText("r-other", "t-1", field, sealed)).as(field).isEmpty();
            assertThat(protector.openTransferText("r-legacy", "t-1", SealedTextFields.COMPLETION_NOTE, sealed))
                    .as(field + " read as another field").isEmpty();
        }
    }

    @Test
    void old_case_texts_open_as_before() {
        JsonNode closure = sample.get("texts").get(2);

        assertThat(protector.openText("r-legacy", SealedTextFields.CLOSURE_NOTE, closure.get("sealed").asString()))
                .contains(closure.get("clear").asString());
        assertThat(protector.openText("r-other", SealedTextFields.CLOSURE_NOTE, closure.get("sealed").asString()))
                .isEmpty();
    }
}
