package io.tollgate.hooks.entity;

/** The broker a hook key names: all a hook request needs to know of it. */
public record HookedBroker(String brokerId, String projectId) {
}
