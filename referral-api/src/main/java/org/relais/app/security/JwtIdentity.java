package org.relais.app.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Relais identity of a JWT's bearer: {@code subject@issuer}, where the issuer is written as its host (and port),
 * followed by the segments of its path, all separated by colons ({@code https://idp.example.org/realms/relais}
 * becomes {@code idp.example.org:realms:relais}).
 * <p>
 * A subject is unique and never reassigned only within its issuer, so the pair is what identifies a person: two
 * issuers (or two realms of one server) can hand out the same subject to different people, and
 * {@code preferred_username} can be changed by the user or reused after an account is deleted. The issuer holds no
 * {@code @}, so the last one separates the two halves and no two pairs give the same identity. Slashes are avoided
 * because the identity also travels in a URL path segment (detaching a liaison).
 */
final class JwtIdentity {

    private JwtIdentity() {
    }

    static Optional<String> of(String issuer, String subject) {
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(subject + "@" + issuerPart(issuer));
    }

    static String issuerPart(String issuer) {
        String path;
        String authority;
        try {
            URI uri = new URI(issuer.strip());
            if (uri.getHost() == null) {
                return plain(issuer);
            }
            authority = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            path = uri.getPath() == null ? "" : uri.getPath();
        } catch (URISyntaxException e) {
            return plain(issuer);
        }
        String segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty())
                .collect(Collectors.joining(":"));
        return segments.isEmpty() ? authority : authority + ":" + segments;
    }

    /** An issuer that is not a URL (OpenID Connect requires one; some test issuers are not). */
    private static String plain(String issuer) {
        return issuer.strip().replace('/', ':').replace("@", "");
    }
}
