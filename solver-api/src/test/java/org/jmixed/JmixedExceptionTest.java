package org.jmixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class JmixedExceptionTest {
    @Test
    void messagesStayOneLineWhateverTheInputBringsIn() {
        assertEquals("formula error: y ~; x; + \\u0000; end\tTab",
                new JmixedException("formula error: y ~\n x\r\n + \u0000 \u2028end\tTab").getMessage());
        assertEquals("first; second", new JmixedException("first\nsecond").getMessage());
        String plain = "data.csv: line 3: 2 fields, expected 3";
        assertSame(plain, new JmixedException(plain).getMessage());
        assertNull(new JmixedException(null).getMessage());
    }
}
