package io.camelaxis.mjpeg.parser;

/**
 * Receives what a {@link MultipartFrameParser} finds in a stream: whole JPEG frames, and every part it had to drop.
 * Called on the thread that feeds the parser.
 */
public interface FrameHandler {

    /**
     * A complete JPEG, exactly SOI..EOI. The array is owned by the receiver from now on; the parser never touches
     * it again.
     */
    void onFrame(byte[] jpeg);

    /**
     * A part that was dropped instead of emitted, with the number of stream bytes it occupied. Nothing is dropped
     * silently: every discarded part arrives here.
     */
    default void onDiscard(DiscardReason reason, long bytes) {
    }

    /**
     * Bytes passed over between parts while looking for a delimiter: a preamble, garbage, the rest of a line that
     * is not a delimiter. No part was dropped, but a camera that sends junk shows in this count.
     */
    default void onSkipped(long bytes) {
    }

    /**
     * The stream delimits its parts with another boundary than the one declared in its Content-Type; the parser
     * follows the one in use from now on. Called at most once per parser.
     */
    default void onBoundaryMismatch(String declared, String used) {
    }
}
