package org.relais.app.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The spellings a coordinator types for the same caller give one normalised contact; different callers do not. */
class ContactNormaliserTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78",
            "+33612345678", "0033 6 12 34 56 78", "  06 12 34 56 78  ", "(06) 12 34 56 78"})
    void a_french_mobile_number_is_the_same_in_every_spelling(String spelling) {
        assertThat(ContactNormaliser.normalise(spelling)).isEqualTo("tel:+33612345678");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "+44 20 7946 0958, tel:+442079460958",
            "0044 20 7946 0958, tel:+442079460958",
            "+32 2 555 12 12, tel:+3225551212",
            "01 45 67 89 10, tel:+33145678910",
            "3919, text:3919",
            "06 12, text:06 12"})
    void foreign_numbers_keep_their_country_and_short_codes_are_not_numbers(String spelling, String normalised) {
        assertThat(ContactNormaliser.normalise(spelling)).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Lea.Martin@Example.org", " lea.martin@example.org ", "LEA.MARTIN@EXAMPLE.ORG"})
    void an_email_address_is_trimmed_and_lower_cased(String spelling) {
        assertThat(ContactNormaliser.normalise(spelling)).isEqualTo("email:lea.martin@example.org");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'Snap:  LeaM_2012', text:snap: leam_2012",
            "'via the   school nurse', text:via the school nurse"})
    void anything_else_is_lower_cased_with_its_spaces_collapsed(String spelling, String normalised) {
        assertThat(ContactNormaliser.normalise(spelling)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void a_blank_contact_has_no_normal_form(String blank) {
        assertThat(ContactNormaliser.normalise(blank)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"06 12 34 56 79", "+34 612 34 56 78", "lea.martin@example.com"})
    void a_different_contact_stays_different(String other) {
        assertThat(ContactNormaliser.normalise(other))
                .isNotEqualTo(ContactNormaliser.normalise("06 12 34 56 78"))
                .isNotEqualTo(ContactNormaliser.normalise("lea.martin@example.org"));
    }
}
