package io.emberpay.notification;

import io.emberpay.testkit.PlatformServiceContract;
import io.emberpay.testkit.RealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class NotificationServiceTests extends PlatformServiceContract {

}
