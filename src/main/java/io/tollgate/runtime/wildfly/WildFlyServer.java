package io.tollgate.runtime.wildfly;

import io.tollgate.runtime.Server;
import jakarta.enterprise.context.Dependent;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * WildFly.
 * <ul>
 * <li>{@link #httpPort}: the bound HTTP port (port offset included) from its management model, which
 * WildFly's jmx subsystem shows in the platform MBean server: standard JMX, no WildFly class needed.
 * <li>{@link #stopListening}: nothing; WildFly's own graceful stop refuses new requests.
 * </ul>
 */
@Dependent
public class WildFlyServer implements Server {

    @Override
    public int httpPort() {
        try {
            Object port = ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("jboss.as:socket-binding-group=standard-sockets,socket-binding=http"), "boundPort");
            return port instanceof Number number ? number.intValue() : 0;
        } catch (JMException | RuntimeException notThere) {
            return 0;
        }
    }
}
