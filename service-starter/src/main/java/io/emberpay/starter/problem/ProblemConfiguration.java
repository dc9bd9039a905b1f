package io.emberpay.starter.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Registers the platform's RFC 9457 error rendering; before Spring Boot's error
 * configuration, whose default {@code /error} controller steps aside for ours.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@Import({ ProblemResponses.class, ProblemErrorController.class })
public class ProblemConfiguration {

}
