package io.emberpay.starter.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Registers the platform's RFC 9457 error rendering. */
@AutoConfiguration
@Import({ ProblemResponses.class, ProblemErrorController.class })
public class ProblemConfiguration {

}
