package io.tollgate.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One real MQTT 3.1.1 client (Eclipse Paho) for the broker tests: connects with a username and a
 * password from a chosen local address, publishes, subscribes, and keeps what it receives and why its
 * connection ended. Every blocking call has a deadline ({@link #WAIT}); nothing reconnects by itself.
 */
final class MqttDevice implements AutoCloseable {

    /** The deadline of every connect, publish acknowledgement and subscribe acknowledgement. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A message as received: its topic and text. */
    record Received(String topic, String text) {
    }

    private final org.eclipse.paho.client.mqttv3.MqttClient paho;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Throwable lost;

    private MqttDevice(org.eclipse.paho.client.mqttv3.MqttClient paho) {
        this.paho = paho;
    }

    /** A client id of this test run, unique. */
    static String clientId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Connects from 127.0.0.1. */
    static MqttDevice connect(String serverUri, String clientId, String username, String password) throws MqttException {
        return connect(serverUri, clientId, username, password, InetAddress.getLoopbackAddress());
    }

    /**
     * Connects from {@code local} (any 127.x.y.z address is the machine's own), or throws the broker's
     * refusal ({@link MqttException#getReasonCode()}: 4 bad user name or password, 5 not authorized).
     */
    static MqttDevice connect(String serverUri, String clientId, String username, String password, InetAddress local)
            throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient paho =
                new org.eclipse.paho.client.mqttv3.MqttClient(serverUri, clientId, new MemoryPersistence());
        paho.setTimeToWait(WAIT.toMillis());
        MqttDevice client = new MqttDevice(paho);
        paho.setCallback(client.new Callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) WAIT.toSeconds());
        options.setKeepAliveInterval(30);
        options.setUserName(username);
        options.setPassword(password.toCharArray());
        options.setSocketFactory(new BoundSocketFactory(local));
        try {
            paho.connect(options);
        } catch (MqttException refused) {
            client.closeQuietly();
            throw refused;
        }
        return client;
    }

    /** Publishes at QoS 1 and waits for the broker's acknowledgement (a refused publish closes the connection). */
    void publish(String topic, String text) throws MqttException {
        MqttMessage message = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        paho.publish(topic, message);
    }

    /** Subscribes at QoS 1 and waits for the acknowledgement (a refused subscribe closes the connection). */
    void subscribe(String filter) throws MqttException {
        int[] granted = paho.subscribeWithResponse(new String[] {filter}, new int[] {1}).getGrantedQos();
        if (granted.length != 1 || granted[0] == 0x80) {
            throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
        }
    }

    /** The next message received, or null when none came within {@code wait}. */
    Received next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean connected() {
        return paho.isConnected();
    }

    /** Waits up to {@code wait} for the broker to close the connection; whether it did. */
    boolean awaitClosedByBroker(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (paho.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !paho.isConnected();
    }

    /** Why the connection ended, if the broker ended it. */
    Throwable lost() {
        return lost;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (paho.isConnected()) {
                paho.disconnect(1000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            paho.disconnectForcibly(0, 1000);
        } catch (MqttException ignored) {
            // already closed
        }
        try {
            paho.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            lost = cause;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // publish() waits for it
        }
    }

    /** Sockets bound to one local address before they connect: the broker sees the client there. */
    private static final class BoundSocketFactory extends SocketFactory {

        private final InetAddress local;

        BoundSocketFactory(InetAddress local) {
            this.local = local;
        }

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(local, 0));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(host, port, local, 0);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return new Socket(host, port, local, 0);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return new Socket(host, port, local, 0);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return new Socket(address, port, local, 0);
        }
    }
}
