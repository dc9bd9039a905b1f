package io.emberpay.subscription;

import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.PlatformServiceContract;

@SubscriptionTest
class SubscriptionServiceTests extends PlatformServiceContract {

}
