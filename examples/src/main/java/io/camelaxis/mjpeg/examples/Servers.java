package io.camelaxis.mjpeg.examples;

/**
 * The Kafka broker and S3 server an example talks to: the ones named on the command line, or real in-JVM ones
 * ({@link EmbeddedKafka}, {@link EmbeddedS3}) started for the run, so every example works with one command.
 */
final class Servers implements AutoCloseable {

    private final CameraOptions options;
    private EmbeddedKafka kafka;
    private EmbeddedS3 s3;

    private Servers(CameraOptions options) {
        this.options = options;
    }

    static Servers forExample(CameraOptions options) throws Exception {
        Servers servers = new Servers(options);
        boolean usesKafka = options.example.equals("kafka") || options.example.equals("analytics");
        if (usesKafka && options.kafkaBrokers == null) {
            servers.kafka = EmbeddedKafka.start();
            servers.kafka.createFrameTopic(options.kafkaTopic, 3);
            System.out.println("No --kafka given: started an in-JVM Kafka broker at " + servers.kafka.bootstrapServers());
        }
        if (options.example.startsWith("s3") && options.s3Endpoint == null) {
            servers.s3 = EmbeddedS3.start();
            System.out.println("No --s3-endpoint given: started an in-JVM S3 server at " + servers.s3.endpoint());
        }
        return servers;
    }

    String kafka() {
        return kafka != null ? kafka.bootstrapServers() : options.kafkaBrokers;
    }

    String s3Uri(String bucket) {
        if (s3 != null) {
            return CameraToS3Route.s3Uri(bucket, s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        }
        // a real endpoint: credentials and region come from the AWS default provider chain
        return "aws2-s3://" + bucket + "?useDefaultCredentialsProvider=true&autoCreateBucket=false"
               + (options.s3Endpoint.startsWith("aws") ? "" : "&overrideEndpoint=true&forcePathStyle=true"
                                                              + "&uriEndpointOverride=" + options.s3Endpoint);
    }

    @Override
    public void close() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
