package io.camelaxis.mjpeg.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README's simulator command line: a bad option is refused by name, not with a stack trace of the parsing. */
class SimulatorMainTest {

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SimulatorMain.parse("--port", "abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port must be a whole number, was 'abc'");
        assertThatThrownBy(() -> SimulatorMain.parse("--fps")).hasMessageStartingWith("option --fps needs a value");
        assertThatThrownBy(() -> SimulatorMain.parse("--resolution", "640"))
                .hasMessage("--resolution must be WIDTHxHEIGHT, was '640'");
        assertThatThrownBy(() -> SimulatorMain.parse("--digest", "root")).hasMessage("--digest must be user:password");
        assertThatThrownBy(() -> SimulatorMain.parse("--prot", "80")).hasMessageStartingWith("unknown option --prot");
    }
}
