package io.jnetlink.generic;

import io.jnetlink.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/** A short coverage-guided fuzzing run of the generic netlink decoders in the test suite (longer: bench/run-fuzz.sh). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GenericFuzzTest {
    @Test
    void theDecodersRaiseOnlyMalformedMessageException() throws Exception {
        Fuzz.run(GenericFuzzer.class, Fuzz.seconds(20));
    }
}
