package io.emberpay.ledger;

import io.emberpay.testkit.PlatformServiceContract;
import io.emberpay.testkit.RealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class LedgerServiceTests extends PlatformServiceContract {

	static {
		FakePspSettlements.ensureStarted();
	}

}
