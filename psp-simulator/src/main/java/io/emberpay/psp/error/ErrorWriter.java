package io.emberpay.psp.error;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes an {@link ErrorBody} from a servlet filter, where no controller advice reaches.
 */
@Component
public class ErrorWriter {

	private final JsonMapper json;

	public ErrorWriter(JsonMapper json) {
		this.json = json;
	}

	public void write(HttpServletResponse response, ErrorBody body) throws IOException {
		response.resetBuffer();
		response.setStatus(body.status());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(body));
	}

}
