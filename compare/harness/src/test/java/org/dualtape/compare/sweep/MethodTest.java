package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MethodTest {

    @Test
    void namesAreExactlyTheIssuesInTableOrder() {
        List<String> expected = List.of("forward-dual", "forward-chunked", "reverse-scalar-tape",
                "reverse-vector-tape", "reverse-replay", "backprop-by-hand", "forward-difference",
                "central-difference", "richardson", "complex-step", "commons-math-ds",
                "commons-math-sparse");
        assertEquals(expected, Arrays.stream(Method.values()).map(Method::label)
                .collect(Collectors.toList()));
    }

    @Test
    void parseListKeepsTableOrderAndDropsRepeats() {
        assertEquals(List.of(Method.FORWARD_DUAL, Method.BACKPROP_BY_HAND),
                Method.parseList("backprop-by-hand, forward-dual,backprop-by-hand"));
    }

    @Test
    void unknownNameIsRejectedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Method.parseList("forward-dual,backward-dual"));
        assertTrue(e.getMessage().contains("backward-dual"), e.getMessage());
        assertTrue(e.getMessage().contains("commons-math-sparse"), e.getMessage());
    }

    @Test
    void emptyListIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Method.parseList(" , "));
    }

    @Test
    void passesFollowTheTextbookCounts() {
        int n = 1000;
        assertEquals(n, Method.FORWARD_DUAL.passes(n, 1));
        assertEquals(125, Method.FORWARD_CHUNKED.passes(n, 8));
        assertEquals(126, Method.FORWARD_CHUNKED.passes(n + 1, 8));
        assertEquals(n + 1, Method.FORWARD_DIFFERENCE.passes(n, 1));
        assertEquals(2 * n, Method.CENTRAL_DIFFERENCE.passes(n, 1));
        assertEquals(2, Method.REVERSE_SCALAR_TAPE.passes(n, 1));
        assertEquals(2, Method.BACKPROP_BY_HAND.passes(n, 1));
        assertEquals(1, Method.COMMONS_MATH_SPARSE.passes(n, 1));
    }

    @Test
    void onlyPerCoordinateMethodsCanBeTimedInPart() {
        for (Method m : Method.values()) {
            boolean whole = m.label().startsWith("reverse-") || m == Method.BACKPROP_BY_HAND;
            assertEquals(!whole, m.partial(), m.label());
        }
        assertFalse(Method.REVERSE_REPLAY.partial());
    }
}
