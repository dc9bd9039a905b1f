package io.emberpay.payment;

import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.PlatformServiceContract;

@PaymentServiceTest
class PaymentServiceTests extends PlatformServiceContract {

}
