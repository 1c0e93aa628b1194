package io.camelaxis.mjpeg;

/** A received JPEG on its way from the reading thread to the route. */
record Frame(byte[] jpeg, long number, long receivedAt, long connectionNumber) {
}
