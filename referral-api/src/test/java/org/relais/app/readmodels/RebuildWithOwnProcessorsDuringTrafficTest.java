package org.relais.app.readmodels;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link RebuildDuringTrafficTest} with two segments per processor: each read model has a processor of its own, and
 * a rebuild hands its stream's token over to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"relais.rebuild.retire-after=PT10S", "relais.processing.segments=2"})
class RebuildWithOwnProcessorsDuringTrafficTest extends RebuildDuringTrafficTest {
}
