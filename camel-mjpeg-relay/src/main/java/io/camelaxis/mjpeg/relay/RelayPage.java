package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

/**
 * The live page ({@code index.html}) with a tile per camera already in it, so the images start loading with the page.
 *
 * <p>
 * A camera name is any text the route's author (or a URI option) chose, so it is never trusted: in the page it is
 * HTML-escaped (text and quoted attributes), in URLs percent-encoded; the page's script takes names only from
 * {@code /status} JSON (whose strings escape {@code < > & '}) and puts them in the DOM as text, never as markup. The
 * page is served with a Content-Security-Policy that runs only its own script (by hash), as a second line.
 */
final class RelayPage {

    private static final String MARKER = "<!--CAMERAS-->";

    private final String template;
    private final String contentSecurityPolicy;

    RelayPage() {
        this.template = load();
        this.contentSecurityPolicy = "default-src 'none'; img-src 'self'; connect-src 'self'; style-src 'unsafe-inline';"
                                     + " script-src '" + scriptHash(template) + "'; base-uri 'none'; form-action 'none';"
                                     + " frame-ancestors 'self'";
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    byte[] render(Collection<String> names) {
        StringBuilder tiles = new StringBuilder();
        names.stream().sorted().forEach(name -> {
            String text = html(name);
            tiles.append("<figure id=\"camera-").append(text).append("\" data-name=\"").append(text)
                    .append("\"><img alt=\"").append(text).append("\" src=\"")
                    .append(html(RelayRoutes.streamPath(name).substring(1)))
                    .append("\"><figcaption><strong>").append(text)
                    .append("</strong><span class=\"stats\"></span></figcaption></figure>");
        });
        return template.replace(MARKER, tiles).getBytes(StandardCharsets.UTF_8);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The CSP source for the page's one inline script: the SHA-256 of its text exactly as served. */
    private static String scriptHash(String page) {
        int start = page.indexOf("<script>") + "<script>".length();
        int end = page.indexOf("</script>", start);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(page.substring(start, end).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String load() {
        try (InputStream in = RelayPage.class.getResourceAsStream("index.html")) {
            return new String(Objects.requireNonNull(in, "relay page missing").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
