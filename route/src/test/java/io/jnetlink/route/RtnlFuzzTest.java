package io.jnetlink.route;

import io.jnetlink.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/** A short coverage-guided fuzzing run of the rtnetlink records in the test suite (longer: bench/run-fuzz.sh). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RtnlFuzzTest {
    @Test
    void theRecordsRaiseOnlyMalformedMessageException() throws Exception {
        Fuzz.run(RtnlFuzzer.class, Fuzz.seconds(20));
    }
}
