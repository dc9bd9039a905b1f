package io.emberpay.fraud;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the periodic reloads of the in-memory copies of lists, so a change made on another
 * replica reaches this one within the refresh interval.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CacheRefreshConfiguration {

}
