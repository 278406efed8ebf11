package io.tollgate.hooks.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RabbitMQ's MQTT plugin writes topics as AMQP routing keys: {@code .} for {@code /}, {@code *} for {@code +}. */
class RabbitMqContractTest {

    @Test
    void routingKeysAreReadBackAsMqttTopics() {
        assertEquals("sensors/1/temp", RabbitMqContract.topicOf("sensors.1.temp"));
        assertEquals("sensors/+/temp", RabbitMqContract.topicOf("sensors.*.temp"));
        assertEquals("sensors/#", RabbitMqContract.topicOf("sensors.#"));
        assertEquals("v1.2/x", RabbitMqContract.topicOf("v1/2.x"));
    }
}
