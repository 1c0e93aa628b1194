package io.camelaxis.mjpeg.parser;

/**
 * The JPEG marker codes (the byte after {@code FF}) and their rules, in one place for the end scanner and the metadata
 * reader (ITU T.81, table B.1).
 */
final class JpegMarkers {

    /** Start of image. */
    static final int SOI = 0xD8;
    /** End of image. */
    static final int EOI = 0xD9;
    /** Start of scan: entropy-coded data follows its header. */
    static final int SOS = 0xDA;
    /** Comment: where Axis writes the capture time. */
    static final int COM = 0xFE;
    /** {@code FF FF}: fill before a marker. */
    static final int FILL = 0xFF;
    /** {@code FF 00} in entropy-coded data: a stuffed {@code FF} byte, not a marker. */
    static final int STUFFED = 0x00;

    private JpegMarkers() {
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header with the image size. */
    static boolean isStartOfFrame(int code) {
        return code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
    }

    /** RST0..RST7, which may stand inside entropy-coded data. */
    static boolean isRestart(int code) {
        return code >= 0xD0 && code <= 0xD7;
    }

    /** Markers without a length field: RSTn and TEM. */
    static boolean isStandalone(int code) {
        return isRestart(code) || code == 0x01;
    }
}
