package org.relais.app.metrics;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.relais.app.integrity.ChainVerification;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Verifications of the audit chain (an auditor's {@code GET /api/audit/verification}, or the audit page):
 * {@code relais_verifications_total{result=valid|invalid}} and {@code relais_verification_valid}, 1 when the latest
 * verification on this instance found the history intact, 0 when it did not, NaN before any.
 */
@Component
class VerificationSignals {

    private final Counter valid;
    private final Counter invalid;
    private final AtomicReference<Double> latest = new AtomicReference<>(Double.NaN);

    VerificationSignals(MeterRegistry registry) {
        this.valid = runs(registry, "valid");
        this.invalid = runs(registry, "invalid");
        Gauge.builder("relais.verification.valid", latest, AtomicReference::get)
                .description("1 if the latest verification found the history intact, 0 if not").register(registry);
    }

    private static Counter runs(MeterRegistry registry, String result) {
        return Counter.builder("relais.verifications").description("Verifications of the audit chain, by result")
                .tag("result", result).register(registry);
    }

    @EventListener
    void on(ChainVerification verification) {
        (verification.valid() ? valid : invalid).increment();
        latest.set(verification.valid() ? 1.0 : 0.0);
    }
}
