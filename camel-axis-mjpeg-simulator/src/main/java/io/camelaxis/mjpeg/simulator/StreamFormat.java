package io.camelaxis.mjpeg.simulator;

/**
 * How the simulator lays out its multipart stream. {@link #axis()} is what a real Axis camera sends; the other
 * settings reproduce older or third-party MJPEG servers.
 *
 * @param boundary              the boundary token (without dashes)
 * @param declareWithDashes     declare {@code boundary=--token} in the Content-Type (delimiters stay {@code --token})
 * @param quoteBoundary         declare the boundary in quotes
 * @param declareBoundary       false to leave the boundary parameter out of the Content-Type altogether
 * @param lineEnding            {@code "\r\n"} or {@code "\n"}
 * @param contentLength         send a Content-Length header per part
 * @param lengthBeforeType      put Content-Length before Content-Type, in lower case
 * @param extraHeaders          unknown headers to add to each part (may be empty)
 * @param preamble              text sent before the first delimiter (may be empty)
 * @param duplicateDelimiters   send every delimiter line twice
 * @param textPartEvery         every n-th part is a {@code text/plain} part instead of a frame (0 = never)
 * @param closeDelimiterAtEnd   end a finite stream with {@code --token--}
 */
public record StreamFormat(String boundary, boolean declareWithDashes, boolean quoteBoundary, boolean declareBoundary,
        String lineEnding, boolean contentLength, boolean lengthBeforeType, String extraHeaders, String preamble,
        boolean duplicateDelimiters, int textPartEvery, boolean closeDelimiterAtEnd) {

    /** What an Axis camera sends: {@code myboundary}, CRLF, Content-Type then Content-Length. */
    public static StreamFormat axis() {
        return new StreamFormat("myboundary", false, false, true, "\r\n", true, false, "", "", false, 0, false);
    }

    public StreamFormat withoutContentLength() {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, declareBoundary, lineEnding, false,
                lengthBeforeType, extraHeaders, preamble, duplicateDelimiters, textPartEvery, closeDelimiterAtEnd);
    }

    public StreamFormat withLfOnly() {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, declareBoundary, "\n", contentLength,
                lengthBeforeType, extraHeaders, preamble, duplicateDelimiters, textPartEvery, closeDelimiterAtEnd);
    }

    public StreamFormat withBoundary(String token, boolean quoted, boolean withDashes) {
        return new StreamFormat(token, withDashes, quoted, declareBoundary, lineEnding, contentLength,
                lengthBeforeType, extraHeaders, preamble, duplicateDelimiters, textPartEvery, closeDelimiterAtEnd);
    }

    public StreamFormat withUndeclaredBoundary() {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, false, lineEnding, contentLength,
                lengthBeforeType, extraHeaders, preamble, duplicateDelimiters, textPartEvery, closeDelimiterAtEnd);
    }

    public StreamFormat withThirdPartyHeaders(String extra) {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, declareBoundary, lineEnding,
                contentLength, true, extra, preamble, duplicateDelimiters, textPartEvery, closeDelimiterAtEnd);
    }

    public StreamFormat withPreamble(String text) {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, declareBoundary, lineEnding,
                contentLength, lengthBeforeType, extraHeaders, text, duplicateDelimiters, textPartEvery,
                closeDelimiterAtEnd);
    }

    public StreamFormat withDuplicateDelimiters() {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, declareBoundary, lineEnding,
                contentLength, lengthBeforeType, extraHeaders, preamble, true, textPartEvery, closeDelimiterAtEnd);
    }

    public StreamFormat withTextPartEvery(int n) {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, declareBoundary, lineEnding,
                contentLength, lengthBeforeType, extraHeaders, preamble, duplicateDelimiters, n, closeDelimiterAtEnd);
    }

    public StreamFormat withCloseDelimiterAtEnd() {
        return new StreamFormat(boundary, declareWithDashes, quoteBoundary, declareBoundary, lineEnding,
                contentLength, lengthBeforeType, extraHeaders, preamble, duplicateDelimiters, textPartEvery, true);
    }

    /** The response Content-Type header value. */
    public String contentType() {
        if (!declareBoundary) {
            return "multipart/x-mixed-replace";
        }
        String token = declareWithDashes ? "--" + boundary : boundary;
        return "multipart/x-mixed-replace; boundary=" + (quoteBoundary ? "\"" + token + "\"" : token);
    }
}
