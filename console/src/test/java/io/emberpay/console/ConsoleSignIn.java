package io.emberpay.console;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Signs a console test in as a browser would (forms with their CSRF token) against the
 * {@link FakeGateway}'s people, and reads pages the session may see.
 */
final class ConsoleSignIn {

	private final MockMvc mvc;

	ConsoleSignIn(MockMvc mvc) {
		this.mvc = mvc;
	}

	/** The fake's operator, past the password and the TOTP step. */
	MockHttpSession operatorWithTotp() throws Exception {
		MockHttpSession session = (MockHttpSession) this.mvc
			.perform(post("/sign-in/password").with(csrf())
				.param("email", FakeGateway.OTP_OPERATOR)
				.param("password", "a long password"))
			.andExpect(redirectedUrl("/sign-in/code"))
			.andReturn()
			.getRequest()
			.getSession();
		this.mvc.perform(post("/sign-in/code").session(session).with(csrf()).param("code", FakeGateway.TOTP_CODE))
			.andExpect(redirectedUrl("/operator/merchants"));
		return session;
	}

	/** A merchant signed in with one of the fake's secret test keys. */
	MockHttpSession merchant(String key) throws Exception {
		MvcResult result = this.mvc.perform(post("/sign-in/key").with(csrf()).param("api_key", key))
			.andExpect(redirectedUrl("/payments"))
			.andReturn();
		return (MockHttpSession) result.getRequest().getSession();
	}

	/** A page the session may see, as its HTML; anything but 200 fails the test. */
	String page(MockHttpSession session, String path) throws Exception {
		return this.mvc.perform(get(path).session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
