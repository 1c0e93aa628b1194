package io.camelaxis.mjpeg.simulator;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Makes JPEGs the way an Axis camera does: a real encoded image with the camera's capture time in a COM segment. */
public final class AxisJpeg {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SS")
            .withZone(ZoneOffset.UTC);

    private AxisJpeg() {
    }

    /**
     * Renders a test picture (gradient, moving bar, frame counter, clock) and encodes it as a baseline JPEG.
     *
     * @param quality 0..1, as ImageIO takes it
     */
    public static byte[] render(int width, int height, long frameNumber, Instant time, String text, float quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(20, 60, 110), width, height, new Color(10, 120, 90)));
            g.fillRect(0, 0, width, height);
            int bar = (int) (frameNumber * 7 % Math.max(1, width));
            g.setColor(new Color(240, 200, 40));
            g.fillRect(bar, 0, Math.max(4, width / 40), height);
            g.setColor(Color.WHITE);
            int fontSize = Math.max(10, height / 12);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, fontSize));
            g.drawString("frame " + frameNumber, fontSize / 2, fontSize + 4);
            g.drawString(CLOCK.format(time), fontSize / 2, 2 * fontSize + 8);
            if (text != null && !text.isEmpty()) {
                g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, Math.max(8, fontSize * 2 / 3)));
                g.drawString(text, fontSize / 2, height - fontSize / 2);
            }
        } finally {
            g.dispose();
        }
        return encode(image, quality);
    }

    private static byte[] encode(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 8);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(Math.max(0.05f, Math.min(1f, quality)));
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * Returns a copy of {@code jpeg} with the Axis capture-time COM segment inserted after the JFIF header (or right
     * after SOI when there is none), replacing any Axis timestamp already present. Layout, as Axis writes it:
     * {@code FF FE 00 0F 0A 01} seconds(4, BE) hundredths(1) seconds(4, BE) hundredths(1) {@code 01}.
     */
    public static byte[] withCaptureTime(byte[] jpeg, Instant time) {
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        int skip = 0;
        if (insertAt + 6 <= jpeg.length && (jpeg[insertAt] & 0xFF) == 0xFF && (jpeg[insertAt + 1] & 0xFF) == 0xFE
                && jpeg[insertAt + 4] == 0x0A && jpeg[insertAt + 5] == 0x01) {
            skip = 2 + (((jpeg[insertAt + 2] & 0xFF) << 8) | (jpeg[insertAt + 3] & 0xFF));
        }
        byte[] segment = captureTimeSegment(time);
        byte[] out = new byte[jpeg.length + segment.length - skip];
        System.arraycopy(jpeg, 0, out, 0, insertAt);
        System.arraycopy(segment, 0, out, insertAt, segment.length);
        System.arraycopy(jpeg, insertAt + skip, out, insertAt + segment.length, jpeg.length - insertAt - skip);
        return out;
    }

    static byte[] captureTimeSegment(Instant time) {
        long seconds = time.getEpochSecond();
        int hundredths = time.getNano() / 10_000_000;
        byte[] s = new byte[17];
        s[0] = (byte) 0xFF;
        s[1] = (byte) 0xFE;
        s[2] = 0x00;
        s[3] = 0x0F;
        s[4] = 0x0A;
        s[5] = 0x01;
        for (int copy = 0; copy < 2; copy++) {
            int at = 6 + copy * 5;
            s[at] = (byte) (seconds >>> 24);
            s[at + 1] = (byte) (seconds >>> 16);
            s[at + 2] = (byte) (seconds >>> 8);
            s[at + 3] = (byte) seconds;
            s[at + 4] = (byte) hundredths;
        }
        s[16] = 0x01;
        return s;
    }
}
