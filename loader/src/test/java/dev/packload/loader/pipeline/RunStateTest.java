package dev.packload.loader.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One stop path: a stop of the reading lets the writers finish, then becomes the run's failure. */
class RunStateTest {
    @Test
    void aStopOfTheReadingCountsOnceTheWritersAreDone() {
        RunState s = new RunState();
        s.stopReading(RunState.Outcome.STOPPED_ON_REJECT, "row rejected at f:3", null);
        assertFalse(s.reading());
        assertTrue(s.running(), "the writers go on with what was read before");
        assertNull(s.failure());
        s.settle();
        assertEquals(RunState.Outcome.STOPPED_ON_REJECT, s.failure().outcome());
    }

    @Test
    void aFailureOfTheWritersComesFirst() {
        RunState s = new RunState();
        s.stopReading(RunState.Outcome.BAD_INPUT, "bad input", null);
        s.fail(RunState.Outcome.SERVER_FAILURE, "connection lost", null);
        s.settle();
        assertEquals("connection lost", s.failure().message());
    }

    @Test
    void theFirstStopOfTheReadingWins() {
        RunState s = new RunState();
        s.stopReading(RunState.Outcome.STOPPED_ON_REJECT, "first", null);
        s.stopReading(RunState.Outcome.INTERNAL_ERROR, "second", null);
        s.settle();
        assertEquals("first", s.failure().message());
    }
}
