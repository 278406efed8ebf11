package io.tollgate.access.entity;

/**
 * What a credential kind answers about a presented credential: the {@link Caller} it names, or a
 * {@link Refusal} saying why a credential it recognises does not work (a suspended token, say).
 */
public sealed interface Resolution permits Caller, Refusal {
}
