package io.emberpay.psp.settlement;

import io.emberpay.psp.config.PspProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FeeScheduleTests {

	private final FeeSchedule fees = new FeeSchedule(
			new PspProperties(1, 1, 1024, null, new PspProperties.Fees(290, 30, 5), null));

	@ParameterizedTest
	@CsvSource({ "1000, 59", "9999, 320", "50, 31", "17, 30", "18, 31", "99999999, 2900030" })
	void chargesPercentageRoundedHalfUpPlusFixed(long amount, long fee) {
		// 18 * 2.9 % = 0.522 -> 1; 17 * 2.9 % = 0.493 -> 0
		assertThat(this.fees.captureFeeMinor(amount)).isEqualTo(fee);
	}

	@Test
	void chargesTheFixedRefundFee() {
		assertThat(this.fees.refundFeeMinor()).isEqualTo(5);
	}

}
