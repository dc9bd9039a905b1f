package io.emberpay.notification;

import io.emberpay.notification.support.NotificationTest;
import io.emberpay.testkit.PlatformServiceContract;

@NotificationTest
class NotificationServiceTests extends PlatformServiceContract {

}
