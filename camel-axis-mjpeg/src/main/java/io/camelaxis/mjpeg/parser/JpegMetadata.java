package io.camelaxis.mjpeg.parser;

/**
 * What a JPEG's header segments say about a frame, read without decoding: its size from the SOF marker and, for Axis
 * cameras, the capture time from the Axis COM segment ({@code FF FE 00 0F 0A 01} + uint32 BE Unix seconds + one byte
 * of hundredths).
 *
 * @param width           pixels, or -1 when no SOF marker was found
 * @param height          pixels, or -1 when no SOF marker was found
 * @param cameraTimestamp epoch milliseconds from the Axis COM segment, or -1 when the frame has none
 */
public record JpegMetadata(int width, int height, long cameraTimestamp) {

    private static final JpegMetadata NONE = new JpegMetadata(-1, -1, -1);

    /** True when the frame carries an Axis capture time. */
    public boolean hasCameraTimestamp() {
        return cameraTimestamp >= 0;
    }

    /**
     * Reads the header segments of {@code jpeg} up to the first scan (SOS). Cost is independent of the image size:
     * only the few hundred header bytes are visited.
     */
    public static JpegMetadata read(byte[] jpeg) {
        int n = jpeg.length;
        if (n < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return NONE;
        }
        int width = -1;
        int height = -1;
        long cameraTimestamp = -1;
        int i = 2;
        while (i + 4 <= n) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                break;
            }
            int code = jpeg[i + 1] & 0xFF;
            if (code == JpegMarkers.FILL) {
                i++; // fill byte
                continue;
            }
            if (code == JpegMarkers.SOI || code == JpegMarkers.EOI || code == JpegMarkers.SOS) {
                break;
            }
            if (JpegMarkers.isStandalone(code)) {
                i += 2;
                continue;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            int payload = i + 4;
            if (length < 2 || payload + length - 2 > n) {
                break;
            }
            if (JpegMarkers.isStartOfFrame(code) && length >= 7) {
                height = ((jpeg[payload + 1] & 0xFF) << 8) | (jpeg[payload + 2] & 0xFF);
                width = ((jpeg[payload + 3] & 0xFF) << 8) | (jpeg[payload + 4] & 0xFF);
            } else if (code == JpegMarkers.COM && cameraTimestamp < 0 && isAxisTimestamp(jpeg, payload, length - 2)) {
                cameraTimestamp = axisTimestamp(jpeg, payload);
            }
            i = payload + length - 2;
        }
        return new JpegMetadata(width, height, cameraTimestamp);
    }

    /** Axis writes COM segments of length 15: {@code 0A 01}, seconds (4 bytes), hundredths (1 byte), then repeats. */
    private static boolean isAxisTimestamp(byte[] jpeg, int payload, int payloadLength) {
        return payloadLength >= 7 && jpeg[payload] == 0x0A && jpeg[payload + 1] == 0x01;
    }

    private static long axisTimestamp(byte[] jpeg, int payload) {
        long seconds = ((long) (jpeg[payload + 2] & 0xFF) << 24) | ((jpeg[payload + 3] & 0xFF) << 16)
                | ((jpeg[payload + 4] & 0xFF) << 8) | (jpeg[payload + 5] & 0xFF);
        int hundredths = jpeg[payload + 6] & 0xFF;
        return seconds * 1000L + Math.min(hundredths, 99) * 10L;
    }
}
