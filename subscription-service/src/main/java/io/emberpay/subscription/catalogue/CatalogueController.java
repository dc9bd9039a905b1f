package io.emberpay.subscription.catalogue;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/products} and {@code /v1/prices}: a merchant's catalogue. */
@RestController
class CatalogueController {

	private final Catalogue catalogue;

	CatalogueController(Catalogue catalogue) {
		this.catalogue = catalogue;
	}

	@PostMapping("/v1/products")
	@ResponseStatus(HttpStatus.CREATED)
	CatalogueViews.ProductView createProduct(Caller caller,
			@Valid @RequestBody CatalogueRequests.CreateProduct request) {
		return CatalogueViews.ProductView
			.of(this.catalogue.createProduct(merchant(caller), caller.livemode(), request));
	}

	@GetMapping("/v1/products")
	ListPage<CatalogueViews.ProductView> products(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		PageQuery page = PageQuery.of(limit, startingAfter);
		return ListPage.of(this.catalogue.products(merchant(caller), page), page.limit(),
				CatalogueViews.ProductView::of);
	}

	@GetMapping("/v1/products/{id}")
	CatalogueViews.ProductView product(Caller caller, @PathVariable String id) {
		return this.catalogue.findProduct(merchant(caller), id)
			.map(CatalogueViews.ProductView::of)
			.orElseThrow(() -> ApiException.notFound("product", id));
	}

	@PostMapping("/v1/prices")
	@ResponseStatus(HttpStatus.CREATED)
	CatalogueViews.PriceView createPrice(Caller caller, @Valid @RequestBody CatalogueRequests.CreatePrice request) {
		return CatalogueViews.PriceView.of(this.catalogue.createPrice(merchant(caller), caller.livemode(), request));
	}

	@GetMapping("/v1/prices")
	ListPage<CatalogueViews.PriceView> prices(Caller caller, @RequestParam(required = false) String product,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		PageQuery page = PageQuery.of(limit, startingAfter);
		return ListPage.of(this.catalogue.prices(merchant(caller), product, page), page.limit(),
				CatalogueViews.PriceView::of);
	}

	@GetMapping("/v1/prices/{id}")
	CatalogueViews.PriceView price(Caller caller, @PathVariable String id) {
		return CatalogueViews.PriceView.of(this.catalogue.requirePrice(merchant(caller), id, "id"));
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "The catalogue belongs to merchants");
		}
		return caller.id();
	}

}
