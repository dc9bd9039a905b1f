// The generated TypeScript client (@emberpay/client, built by clients/typescript-check.sh) used as a web or
// React Native app would, against the running platform: save a card, pay with an Idempotency-Key, send the
// same request again as after a lost response (the same payment, not a second one), read the payment back,
// and branch on the typed problem of a bad request. GeneratedClientPlatformTests runs it with node:
//   node typescript-client-e2e.mjs <client dist directory> <gateway url> <user access token> <merchant id>
// and reads the JSON it prints.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';

const [clientDist, gatewayUrl, accessToken, merchant] = process.argv.slice(2);
const client = createRequire(import.meta.url)(clientDist);
const configuration = new client.Configuration({ basePath: gatewayUrl, accessToken });
const paymentMethods = new client.PaymentMethodControllerApi(configuration);
const authorizations = new client.AuthorizationControllerApi(configuration);
const payments = new client.PaymentControllerApi(configuration);

// A 503 or 429 (the platform shedding load) is answered again after its Retry-After, with the same
// Idempotency-Key: what an app does, so a busy test machine does not fail this test.
async function unlessBusy(call) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		}
		catch (error) {
			const status = error instanceof client.ResponseError ? error.response.status : 0;
			if ((status !== 503 && status !== 429) || attempt === 10) {
				throw error;
			}
			const seconds = Number(error.response.headers.get('retry-after')) || 1;
			await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 5) * 1000));
		}
	}
}

const card = await unlessBusy(() => paymentMethods.paymentCreate4({
	paymentMethodRequest: { type: 'card', card: { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' } },
}));
const idempotencyKey = randomUUID();
const request = { amount: 1250, currency: 'USD', merchant, paymentMethod: card.id };
const paid = await unlessBusy(() => authorizations.paymentCreate3({ idempotencyKey, createPaymentRequest: request }));
const retried = await unlessBusy(() => authorizations.paymentCreate3({ idempotencyKey, createPaymentRequest: request }));
const readBack = await unlessBusy(() => payments.paymentGet4({ id: paid.id }));

let problem = null;
try {
	const badKey = randomUUID();
	await unlessBusy(() => authorizations.paymentCreate3({
		idempotencyKey: badKey,
		createPaymentRequest: { ...request, amount: -5 },
	}));
}
catch (error) {
	if (!(error instanceof client.ResponseError)) {
		throw error;
	}
	problem = client.ProblemFromJSON(await error.response.json());
}

console.log(JSON.stringify({
	card: card.id,
	payment: paid.id,
	retried: retried.id,
	read_back: { id: readBack.id, amount: readBack.amount, currency: readBack.currency, status: readBack.status },
	problem: problem && { status: problem.status, code: problem.code, param: problem.param },
}));
