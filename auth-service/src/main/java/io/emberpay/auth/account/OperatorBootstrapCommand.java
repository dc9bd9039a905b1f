package io.emberpay.auth.account;

import java.io.PrintStream;

import io.emberpay.starter.problem.ApiException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * auth-service as a one-shot command that creates an operator and exits:
 * {@code ./platform
 * operator create <email>} locally, and the {@code operator-bootstrap} Job on Kubernetes
 * (docs/deploy.md). Started with {@code --emberpay.auth.bootstrap-operator.email=<email>}
 * (and {@code --server.port=0}: the command needs the whole web application, whose
 * security configuration holds the token keys, on a port nobody uses); the password comes
 * from {@code EMBERPAY_OPERATOR_PASSWORD} when set (a Secret on Kubernetes, so it is
 * never in a log), else a one-time password is generated and printed once.
 */
@Component
@ConditionalOnProperty("emberpay.auth.bootstrap-operator.email")
class OperatorBootstrapCommand implements ApplicationRunner {

	private final OperatorBootstrap bootstrap;

	private final Environment environment;

	private final ConfigurableApplicationContext context;

	OperatorBootstrapCommand(OperatorBootstrap bootstrap, Environment environment,
			ConfigurableApplicationContext context) {
		this.bootstrap = bootstrap;
		this.environment = environment;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		int exitCode = execute(System.out, System.err);
		System.exit(SpringApplication.exit(this.context, () -> exitCode));
	}

	int execute(PrintStream out, PrintStream err) {
		String email = this.environment.getProperty("emberpay.auth.bootstrap-operator.email", "");
		String password = this.environment.getProperty("EMBERPAY_OPERATOR_PASSWORD");
		try {
			OperatorBootstrap.Result result = this.bootstrap.create(email, password);
			if (result.status() == OperatorBootstrap.Result.Status.EXISTS) {
				out.println(
						"Operator " + result.email() + " (" + result.userId() + ") already exists; nothing changed.");
				return 0;
			}
			out.println("Created operator " + result.email() + " (" + result.userId() + ").");
			if (result.generatedPassword() != null) {
				out.println("One-time password (shown only now; change it after the first sign-in): "
						+ result.generatedPassword());
			}
			out.println("At the first sign-in to the console (/console) the operator must set up TOTP.");
			return 0;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println("No operator created: " + ex.getMessage());
			return 2;
		}
		catch (ApiException ex) {
			err.println("No operator created: " + ex.getMessage());
			return 2;
		}
	}

}
