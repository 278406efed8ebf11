#!/usr/bin/env bash
# Prepares an unpacked WildFly (the served org.wildfly:wildfly-dist zip) to run the Tollgate WAR:
#   scripts/wildfly-setup.sh WILDFLY_HOME LIB_DIR
# LIB_DIR holds postgresql.jar; `mvn package -Pwildfly` puts WildFly in target/wildfly and the jar
# in target/, then runs this. Idempotent. Changes only the server's own files, nothing about its
# network bindings (127.0.0.1 by default).
#  - PostgreSQL's driver as module org.postgresql (WEB-INF/jboss-deployment-structure.xml names it);
#  - standalone-microprofile.xml: descriptor property replacement, so that WEB-INF/web.xml's pool
#    size (Payara's ${MPCONFIG=tollgate.db.pool-size:8}) parses; WildFly reads that expression as the
#    system property named "MPCONFIG=tollgate.db.pool-size" (default 8), which the configuration sets
#    from -Dtollgate.db.pool-size, else TOLLGATE_DB_POOL_SIZE, else 8: the pool size is configured the
#    same way on both servers;
#  - standalone-microprofile.xml: the micrometer subsystem with its Prometheus registry on the
#    management port's /metrics, in place of the metrics subsystem (WildFly's own metrics only, on
#    the same path): WildFly 39 has no MicroProfile Metrics, and the application's metrics
#    (metrics.control.Meters) go to Micrometer there. The Prometheus registry is a "community"
#    feature: start the server with --stability=community;
#  - TRACE passed to the application, as on Payara (trace-enabled in the preboot file);
#  - no redirect of /console (the WAR's console) to WildFly's management console;
#  - no deployment left over in the configuration by an interrupted Arquillian run;
#  - all of the above in standalone-microprofile-ha.xml too, and there (with bin/jboss-cli.sh, once):
#    WildFly's clustering on loopback only, for a cluster of nodes on one machine with a static member
#    list: the JGroups channel on the TCP stack, whose discovery is TCPPING with the members of system
#    property tollgate.cluster.members (host[port],host[port]; a node's JGroups port is 7600 plus its
#    port offset) instead of MPING's multicast, a TCP failure detector (FD_SOCK2) so that a killed
#    member leaves the view at once, and no UDP stack nor UDP socket binding left (the private
#    interface stays 127.0.0.1); and the replicated cache tollgate/invalidations of cluster-wide token
#    cache invalidation (tokens.boundary.WildFlyClusterInvalidation), which WEB-INF/jboss-web.xml
#    references: in standalone-microprofile.xml it is a local cache (invalidation stays local).
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail

home=${1:?WildFly home}
libs=${2:?directory with postgresql.jar}
home=$(cd "$home" && pwd)
libs=$(cd "$libs" && pwd)

postgresql="$home/modules/org/postgresql/main"
if ! grep -q java.logging "$postgresql/module.xml" 2>/dev/null; then
  mkdir -p "$postgresql"
  cp "$libs/postgresql.jar" "$postgresql/"
  cat > "$postgresql/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.postgresql" xmlns="urn:jboss:module:1.9">
    <resources>
        <resource-root path="postgresql.jar"/>
    </resources>
    <dependencies>
        <module name="java.sql"/>
        <module name="java.logging"/>
        <module name="java.naming"/>
        <module name="java.management"/>
        <module name="java.security.jgss"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML
fi

# WildFly's configuration model changes through its CLI (an embedded server, no network), once
cli=""
ha="$home/standalone/configuration/standalone-microprofile-ha.xml"
if ! grep -q 'tollgate.cluster.members' "$ha"; then
  cli+='
embed-server --server-config=standalone-microprofile-ha.xml --std-out=discard --stability=community
batch
/subsystem=jgroups/channel=ee:write-attribute(name=stack,value=tcp)
/subsystem=jgroups/stack=tcp/protocol=MPING:remove
/subsystem=jgroups/stack=tcp/protocol=TCPPING:add(add-index=1, properties={initial_hosts="${tollgate.cluster.members:127.0.0.1[7600]}", port_range="0"})
/socket-binding-group=standard-sockets/socket-binding=jgroups-tcp-fd:add(interface=private, port=57600)
/subsystem=jgroups/stack=tcp/protocol=FD_SOCK2:add(add-index=3, socket-binding=jgroups-tcp-fd)
/subsystem=jgroups/stack=udp:remove
/socket-binding-group=standard-sockets/socket-binding=jgroups-mping:remove
/socket-binding-group=standard-sockets/socket-binding=jgroups-udp:remove
/socket-binding-group=standard-sockets/socket-binding=jgroups-udp-fd:remove
/subsystem=infinispan/cache-container=tollgate:add(default-cache=invalidations, marshaller=PROTOSTREAM)
/subsystem=infinispan/cache-container=tollgate/transport=jgroups:add
/subsystem=infinispan/cache-container=tollgate/replicated-cache=invalidations:add
run-batch
stop-embedded-server'
fi
single="$home/standalone/configuration/standalone-microprofile.xml"
if ! grep -q 'cache-container name="tollgate"' "$single"; then
  # the WAR references the cache (WEB-INF/jboss-web.xml): a local one on a single node
  cli+='
embed-server --server-config=standalone-microprofile.xml --std-out=discard --stability=community
batch
/subsystem=infinispan/cache-container=tollgate:add(default-cache=invalidations, marshaller=PROTOSTREAM)
/subsystem=infinispan/cache-container=tollgate/local-cache=invalidations:add
run-batch
stop-embedded-server'
fi
if [ -n "$cli" ]; then
  printf '%s\n' "$cli" > "$home/tollgate-setup.cli"
  "$home/bin/jboss-cli.sh" --file="$home/tollgate-setup.cli" >/dev/null
  rm "$home/tollgate-setup.cli"
  if grep -q 'jgroups-udp\|jgroups-mping\|multicast-address' "$ha"; then
    echo "standalone-microprofile-ha.xml still has a UDP socket binding" >&2
    exit 1
  fi
fi

for config in "$home"/standalone/configuration/standalone-microprofile{,-ha}.xml; do
  sed -i 's|<spec-descriptor-property-replacement>false</spec-descriptor-property-replacement>|<spec-descriptor-property-replacement>true</spec-descriptor-property-replacement>|' "$config"
  grep -q 'name="MPCONFIG=tollgate.db.pool-size"' "$config" || sed -i 's|^\( *\)</extensions>|&\n\1<system-properties><property name="MPCONFIG=tollgate.db.pool-size" value="${tollgate.db.pool-size:${env.TOLLGATE_DB_POOL_SIZE:8}}"/></system-properties>|' "$config"
  sed -i -e 's|<extension module="org.wildfly.extension.metrics"/>|<extension module="org.wildfly.extension.micrometer"/>|' \
    -e 's|<subsystem xmlns="urn:wildfly:metrics:1.0"[^>]*/>|<subsystem xmlns="urn:wildfly:micrometer:community:2.0"><prometheus-registry context="/metrics" security-enabled="false"/></subsystem>|' \
    "$config"
  # TRACE reaches the application (Undertow refuses it itself by default, with no body), which answers
  # it 405 with the JSON error body (transport.boundary.SecurityHeaders); Payara's preboot file does the same
  sed -i 's|<http-listener name="default" socket-binding="http" redirect-socket="https" enable-http2="true"/>|<http-listener name="default" socket-binding="http" redirect-socket="https" enable-http2="true" disallowed-methods=""/>|' "$config"
  # the console is the WAR's /console: WildFly would redirect that path to its management console
  sed -i 's|<host name="default-host" alias="localhost">|<host name="default-host" alias="localhost" disable-console-redirect="true">|' "$config"
  # a deployment left in the configuration by an interrupted test run would collide with the next one
  sed -i '/<deployments>/,/<\/deployments>/d' "$config"
  # A start a newcomer can read, as on Payara: the console shows WildFly's warnings and errors and
  # Tollgate's own records (the start summary with the address and, on a first start, the root token);
  # standalone/log/server.log keeps everything at INFO, as before. And a normal start warns of nothing:
  #  - org.jboss.as.dependency.private at ERROR: the WAR uses the private module org.glassfish.soteria
  #    on purpose (WildFly's own Jakarta Security has no Pbkdf2PasswordHash: README, Run on WildFly), and
  #    org.infinispan.core (whose public facade does not export the listener annotations);
  #  - org.jboss.as.connector.deployer.dsdeployer at ERROR: WEB-INF/web.xml's data source carries
  #    Payara's fish.payara.* pool properties, which WildFly has no setter for and names one by one;
  #  - org.wildfly.extension.microprofile.health.smallrye at ERROR: every DOWN answer of a health
  #    check is logged at WARN, one line per probe (a readiness probe during a start or an outage);
  #    the answer itself says it, as on Payara;
  #  - the transaction manager's node identifier is set (jboss.tx.node.id, default "tollgate"): the
  #    default "1" is warned about at every start; nodes of one cluster take distinct values;
  #  - no HTTPS listener, and no TLS context of Elytron's for it: as Payara Micro by default, Tollgate
  #    serves plain HTTP behind a proxy that terminates TLS; the listener's self-signed key store was
  #    warned about at every start.
  sed -i '/<console-handler name="CONSOLE">/,/<\/console-handler>/ s|<level name="INFO"/>|<level name="WARN"/>|' "$config"
  if ! grep -q 'name="TOLLGATE-CONSOLE"' "$config"; then
    sed -i -e 's|^\( *\)<periodic-rotating-file-handler name="FILE"|\1<console-handler name="TOLLGATE-CONSOLE"><level name="INFO"/><formatter><named-formatter name="COLOR-PATTERN"/></formatter></console-handler>\n&|' \
      -e 's|^\( *\)<logger category="com.arjuna">|\1<logger category="io.tollgate" use-parent-handlers="false"><level name="INFO"/><handlers><handler name="TOLLGATE-CONSOLE"/><handler name="FILE"/></handlers></logger>\n\1<logger category="org.jboss.as.dependency.private"><level name="ERROR"/></logger>\n\1<logger category="org.jboss.as.connector.deployer.dsdeployer"><level name="ERROR"/></logger>\n\1<logger category="org.wildfly.extension.microprofile.health.smallrye"><level name="ERROR"/></logger>\n&|' \
      "$config"
  fi
  # a database outage logs one stack trace and one short line per failing request, both Tollgate's
  # (spec section 8): the pool's IJ030061 warning with its stack trace and Hibernate's two lines for
  # each failed statement (every one of which reaches the application's mappers) are left out
  if ! grep -q 'category="org.hibernate.engine.jdbc.spi.SqlExceptionHelper"' "$config"; then
    sed -i -e 's|^\( *\)<logger category="com.arjuna">|\1<logger category="org.jboss.jca.adapters.jdbc.local.LocalManagedConnectionFactory"><level name="ERROR"/></logger>\n\1<logger category="org.hibernate.engine.jdbc.spi.SqlExceptionHelper"><level name="OFF"/></logger>\n&|' "$config"
  fi
  sed -i -e 's|node-identifier="${jboss.tx.node.id:1}"|node-identifier="${jboss.tx.node.id:tollgate}"|' \
    -e '/<https-listener name="https"/d' -e '/<tls>/,/<\/tls>/d' "$config"
done
# the boot log configuration, used until the logging subsystem takes over, and written from it at
# every start: a fresh copy of the configuration directory starts as quiet as a second start
sed -i 's|^handler.CONSOLE.level=INFO$|handler.CONSOLE.level=WARN|' "$home/standalone/configuration/logging.properties"
echo "WildFly at $home is ready for the Tollgate WAR"
