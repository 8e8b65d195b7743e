package io.jnetlink.message;

import io.jnetlink.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/** A short coverage-guided fuzzing run of the message layer in the test suite (longer: bench/run-fuzz.sh). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FuzzTest {
    @Test
    void theMarshalRaisesOnlyMalformedMessageException() throws Exception {
        Fuzz.run(MarshalFuzzer.class, Fuzz.seconds(20));
    }
}
