package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parser throughput over an in-memory 720p MJPEG stream (64 MB), fed in 64 KB chunks like socket reads. Reports
 * operations per second, one operation being the whole stream; MB/s = 64 × ops/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {

    @Param({ "true", "false" })
    public boolean contentLength;

    @Param({ "markers" })
    public String validation;

    private byte[] stream;

    @Setup(Level.Trial)
    public void makeStream() throws IOException {
        Path file = Files.createTempFile("parser-bench", ".mjpg");
        try {
            MjpegFiles.write(file, 64L * 1024 * 1024, 1280, 720, contentLength);
            stream = Files.readAllBytes(file);
        } finally {
            Files.delete(file);
        }
    }

    @Benchmark
    public void parse(Blackhole blackhole) {
        FrameHandler handler = blackhole::consume;
        MultipartFrameParser parser = new MultipartFrameParser("myboundary",
                MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE, JpegValidation.valueOf(validation), handler);
        for (int i = 0; i < stream.length; i += 65536) {
            parser.feed(stream, i, Math.min(65536, stream.length - i));
        }
        parser.endOfStream();
    }
}
