package io.emberpay.auth;

import io.emberpay.testkit.PlatformServiceContract;

@AuthServiceTest
class AuthServiceTests extends PlatformServiceContract {

}
