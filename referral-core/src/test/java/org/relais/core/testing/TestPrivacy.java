package org.relais.core.testing;

import java.security.SecureRandom;
import java.util.Base64;

import org.relais.core.privacy.MasterKey;
import org.relais.core.privacy.PersonalDataProtector;

public final class TestPrivacy {

    private TestPrivacy() {
    }

    public static MasterKey masterKey() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return MasterKey.fromBase64("test", Base64.getEncoder().encodeToString(material));
    }

    public static PersonalDataProtector protector() {
        return new PersonalDataProtector(new InMemorySubjectKeys(), masterKey(), new SecureRandom());
    }
}
