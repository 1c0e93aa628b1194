package io.camelaxis.mjpeg.springboot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A duration the starter binds as text that Camel cannot read never becomes 0 (no connect timeout at all): the
 * application fails to start, naming the text. Camel's Spring Boot binding takes such text for a bean reference
 * before the component's own check (which camel-main reaches, see ComponentConfigurationTest) sees it.
 */
class CarelessPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = { "abc", "5S", "ten" })
    void aDurationThatIsNoDurationFailsTheStart(String text) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(CameraApplication.class)
                .web(WebApplicationType.NONE)
                .properties("camera.address=127.0.0.1:9", "camel.component.axis-mjpeg.connect-timeout=" + text);
        assertThatThrownBy(application::run).rootCause().hasMessageEndingWith(": " + text);
    }
}
