package org.relais.core.api.referral;

/** How a case reached the service; the ACCESSIBLE_* channels are the accessible modes for deaf, hard-of-hearing and aphasic people. */
public enum Channel {
    PHONE,
    CHAT,
    MESSENGER,
    WEB_FORM,
    EMAIL,
    ACCESSIBLE_TRANSCRIPTION,
    ACCESSIBLE_SIGN_LANGUAGE,
    ACCESSIBLE_CUED_SPEECH,
    POLICE_PLATFORM,
    PARTNER_INBOUND
}
