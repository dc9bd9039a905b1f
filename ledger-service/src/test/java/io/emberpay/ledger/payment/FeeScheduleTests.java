package io.emberpay.ledger.payment;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeeScheduleTests {

	private final FeeSchedule fees = new FeeSchedule(
			new FeeProperties(null, Map.of("mer_vip", new FeeProperties.Rate(100, 0))));

	@Test
	void chargesPercentageRoundedHalfUpPlusFixed() {
		assertThat(this.fees.feeFor("mer_any", 10_000)).isEqualTo(290 + 30);
		// 1050 * 2.9 % = 30.45 -> 30; 1052 * 2.9 % = 30.508 -> 31
		assertThat(this.fees.feeFor("mer_any", 1_050)).isEqualTo(30 + 30);
		assertThat(this.fees.feeFor("mer_any", 1_052)).isEqualTo(31 + 30);
	}

	@Test
	void appliesMerchantRateAndNeverExceedsTheAmount() {
		assertThat(this.fees.feeFor("mer_vip", 10_000)).isEqualTo(100);
		assertThat(this.fees.feeFor("mer_any", 20)).isEqualTo(20);
		assertThatThrownBy(() -> this.fees.feeFor("mer_any", 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void partialRefundsReturnTheWholeFeeExactlyOnceFullyRefunded() {
		long fee = 333;
		long captured = 10_000;
		long returned = FeeSchedule.feeReturned(fee, captured, 0, 3_333)
				+ FeeSchedule.feeReturned(fee, captured, 3_333, 6_666)
				+ FeeSchedule.feeReturned(fee, captured, 6_666, 10_000);
		assertThat(returned).isEqualTo(fee);
		assertThat(FeeSchedule.feeReturned(fee, captured, 0, 4_000)).isEqualTo(133);
	}

}
