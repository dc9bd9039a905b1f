package io.emberpay.client.problems

import io.emberpay.client.infrastructure.ClientError
import io.emberpay.client.infrastructure.ClientException
import io.emberpay.client.infrastructure.Serializer
import io.emberpay.client.infrastructure.ServerError
import io.emberpay.client.infrastructure.ServerException
import io.emberpay.client.model.Problem

/**
 * The typed problem (RFC 9457, docs/errors.md) behind a failed call of the generated API
 * classes: they throw [ClientException] for a 4xx and [ServerException] for a 5xx with the
 * answer's body as text. Branch on [Problem.code] (`card_declined`, `invalid_request` with
 * [Problem.param], ...), never on the message.
 */
object ApiProblems {

    /** The problem the platform answered with, or null when the answer was not one (a proxy's page). */
    @JvmStatic
    fun of(failure: Throwable): Problem? {
        val body = when (failure) {
            is ClientException -> (failure.response as? ClientError<*>)?.body
            is ServerException -> (failure.response as? ServerError<*>)?.body
            else -> null
        }
        if (body !is String || body.isBlank()) {
            return null
        }
        return try {
            Serializer.jacksonObjectMapper.readValue(body, Problem::class.java)
        } catch (notAProblem: Exception) {
            null
        }
    }
}
