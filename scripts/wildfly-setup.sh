#!/usr/bin/env bash
# Prepares an unpacked WildFly (the served org.wildfly:wildfly-dist zip) to run the Tollgate WAR:
#   scripts/wildfly-setup.sh WILDFLY_HOME LIB_DIR
# LIB_DIR holds postgresql.jar and the compiled classes (classes/); `mvn package -Pwildfly` puts
# WildFly in target/wildfly and the jar in target/, then runs this. Idempotent. Changes only the
# server's own files, nothing about its network bindings (127.0.0.1 by default).
#  - PostgreSQL's driver as module org.postgresql (WEB-INF/jboss-deployment-structure.xml names it);
#  - the application's data source, java:jboss/datasources/Tollgate, in WildFly's configuration,
#    where its pool can validate connections (one the application defines cannot: WildFly gives it
#    no validation and no exception sorter): JDBC 4's isValid before a connection is handed out, so
#    that after a database outage the pool replaces dead connections by itself. WEB-INF/jboss-web.xml
#    maps the application's reference jdbc/tollgate to it. Its class is the WAR's
#    io.tollgate.storage.control.ConfiguredDataSource (the same TOLLGATE_DB_* settings as on Payara),
#    copied with the classes it needs from LIB_DIR/classes into the module io.tollgate.datasource:
#    such a pool loads the class through the module of its driver, org.postgresql, which depends on
#    that module for it. Pool size: -Dtollgate.db.pool-size, else TOLLGATE_DB_POOL_SIZE, else 8;
#  - standalone-microprofile.xml: descriptor property replacement, so that Payara's expressions in the
#    WAR's descriptors parse: WildFly reads ${MPCONFIG=tollgate.db.pool-size:8} (web.xml's pool, unused
#    here) as the system property named "MPCONFIG=tollgate.db.pool-size", which the configuration sets
#    from -Dtollgate.db.pool-size, else TOLLGATE_DB_POOL_SIZE, else 8, and the persistence unit's
#    ${MPCONFIG=tollgate.db.jndi-name:java:app/jdbc/tollgate} as "MPCONFIG=tollgate.db.jndi-name",
#    set to the data source above;
#  - standalone-microprofile.xml: the metrics subsystem as shipped (WildFly's own metrics, management
#    port); a server this script once switched to the micrometer subsystem is switched back: the WAR
#    carries its own Micrometer and serves /metrics on the HTTP port (io.tollgate.metrics);
#  - standalone-microprofile.xml: no microprofile-openapi-smallrye subsystem nor its extension: the
#    WAR serves /openapi itself (io.tollgate.openapi), the same on every server; WildFly's handler
#    would take every path under /openapi in front of the WAR and serve its own model of the document;
#  - TRACE passed to the application, as on Payara (trace-enabled in the preboot file);
#  - no redirect of /console (the WAR's console) to WildFly's management console;
#  - no deployment left over in the configuration by an interrupted Arquillian run;
# A cluster node is the same standalone-microprofile.xml on its own port offset, on the shared
# PostgreSQL: the nodes invalidate each other's token caches through PostgreSQL (LISTEN/NOTIFY,
# tokens.boundary.ClusterInvalidation), not through WildFly's clustering (no HA configuration, no
# JGroups, no Infinispan cache of Tollgate's).
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail

home=${1:?WildFly home}
libs=${2:?directory with postgresql.jar}
home=$(cd "$home" && pwd)
libs=$(cd "$libs" && pwd)

# prepared already by this very script (and driver): nothing to do
stamp="$home/.tollgate-setup"
# the data source module's classes (of this build's WAR), and what it needs of them (MicroProfile Config
# reads the database settings; DatabaseConfigSource gives the defaults)
datasource_classes=(io/tollgate/storage/control/ConfiguredDataSource.class io/tollgate/storage/control/DatabaseConfigSource.class
  io/tollgate/storage/control/DurableCommits.class io/tollgate/config/EarlyConfig.class)
fingerprint=$({ cat "$0" "$libs/postgresql.jar"; (cd "$libs/classes" && cat "${datasource_classes[@]}"); } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$fingerprint" ]; then
  echo "WildFly at $home is already prepared for the Tollgate WAR"
  exit 0
fi

postgresql="$home/modules/org/postgresql/main"
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
        <!-- the Tollgate data source's class, loaded through this module (not exported: the WAR has its own) -->
        <module name="io.tollgate.datasource"/>
    </dependencies>
</module>
XML

datasource="$home/modules/io/tollgate/datasource/main"
rm -rf "$datasource"
mkdir -p "$datasource/jar/META-INF/services"
(cd "$libs/classes" && cp --parents "${datasource_classes[@]}" "$datasource/jar/")
echo io.tollgate.storage.control.DatabaseConfigSource > "$datasource/jar/META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource"
cat > "$datasource/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module name="io.tollgate.datasource" xmlns="urn:jboss:module:1.9">
    <resources>
        <resource-root path="jar"/>
    </resources>
    <dependencies>
        <module name="java.sql"/>
        <module name="java.logging"/>
        <module name="org.eclipse.microprofile.config.api"/>
        <module name="com.h2database.h2"/>
        <module name="org.postgresql"/>
    </dependencies>
</module>
XML

for config in "$home"/standalone/configuration/standalone-microprofile.xml; do
  # the application's data source (see above); an earlier one of this script's is replaced, as written
  # here (one line) or as WildFly rewrote it (one element a line)
  sed -i -e '/<datasource jndi-name="java:jboss\/datasources\/Tollgate"/{/<\/datasource>/!{:a;N;/<\/datasource>/!ba};d}' \
    -e '/<driver name="tollgate"/{/<\/driver>/!{:b;N;/<\/driver>/!bb};d}' "$config"
  sed -i -e 's|^\( *\)<datasources>$|&\n\1    <datasource jndi-name="java:jboss/datasources/Tollgate" pool-name="Tollgate" enabled="true" use-java-context="true"><driver>tollgate</driver><connection-property name="description">Tollgate database</connection-property><pool><min-pool-size>1</min-pool-size><initial-pool-size>1</initial-pool-size><max-pool-size>${tollgate.db.pool-size:${env.TOLLGATE_DB_POOL_SIZE:8}}</max-pool-size></pool><validation><valid-connection-checker class-name="org.jboss.jca.adapters.jdbc.extensions.novendor.JDBC4ValidConnectionChecker"/><validate-on-match>true</validate-on-match><background-validation>false</background-validation></validation><timeout><blocking-timeout-millis>5000</blocking-timeout-millis></timeout></datasource>|' \
    -e 's|^\( *\)<drivers>$|&\n\1    <driver name="tollgate" module="org.postgresql"><driver-class>org.postgresql.Driver</driver-class><datasource-class>io.tollgate.storage.control.ConfiguredDataSource</datasource-class></driver>|' "$config"
  sed -i 's|<spec-descriptor-property-replacement>false</spec-descriptor-property-replacement>|<spec-descriptor-property-replacement>true</spec-descriptor-property-replacement>|' "$config"
  grep -q 'name="MPCONFIG=tollgate.db.pool-size"' "$config" || sed -i 's|^\( *\)</extensions>|&\n\1<system-properties><property name="MPCONFIG=tollgate.db.pool-size" value="${tollgate.db.pool-size:${env.TOLLGATE_DB_POOL_SIZE:8}}"/></system-properties>|' "$config"
  grep -q 'name="MPCONFIG=tollgate.db.jndi-name"' "$config" || sed -i 's|<system-properties>|&<property name="MPCONFIG=tollgate.db.jndi-name" value="java:jboss/datasources/Tollgate"/>|' "$config"
  sed -i -e 's|<extension module="org.wildfly.extension.micrometer"/>|<extension module="org.wildfly.extension.metrics"/>|' \
    -e 's|<subsystem xmlns="urn:wildfly:micrometer:community:2.0"><prometheus-registry context="/metrics" security-enabled="false"/></subsystem>|<subsystem xmlns="urn:wildfly:metrics:1.0" security-enabled="false" exposed-subsystems="*" prefix="${wildfly.metrics.prefix:wildfly}"/>|' \
    "$config"
  # /openapi and /openapi/ui are the WAR's (io.tollgate.openapi): WildFly's MicroProfile OpenAPI goes
  sed -i -e '/<extension module="org.wildfly.extension.microprofile.openapi-smallrye"\/>/d' \
    -e '/<subsystem xmlns="urn:wildfly:microprofile-openapi-smallrye:[0-9.]*"\/>/d' "$config"
  # TRACE reaches the application (Undertow refuses it itself by default, with no body), which answers
  # it 405 with the JSON error body (transport.boundary.SecurityHeaders); Payara's preboot file does the same
  sed -i 's|<http-listener name="default" socket-binding="http" redirect-socket="https" enable-http2="true"/>|<http-listener name="default" socket-binding="http" redirect-socket="https" enable-http2="true" disallowed-methods=""/>|' "$config"
  # the console is the WAR's /console: WildFly would redirect that path to its management console
  sed -i 's|<host name="default-host" alias="localhost">|<host name="default-host" alias="localhost" disable-console-redirect="true">|' "$config"
  # a deployment left in the configuration by an interrupted test run would collide with the next one
  sed -i '/<deployments>/,/<\/deployments>/d' "$config"
  # A start a newcomer can read, as on Payara: the console shows WildFly's and Tollgate's warnings and
  # errors, and the start summary (the address and, on a first start, the root token), which the WAR
  # writes to standard output itself, past logging, so that server.log never holds the root token;
  # standalone/log/server.log keeps everything at INFO, as before, a failed start's detail included (on
  # the console Tollgate's own failed start is one line and "details: .../server.log"). And a normal
  # start warns of nothing:
  #  - org.jboss.as.dependency.private at ERROR: the WAR uses the private module org.glassfish.soteria
  #    on purpose (WildFly's own Jakarta Security has no Pbkdf2PasswordHash: docs/wildfly.md);
  #  - org.jboss.as.connector.deployer.dsdeployer at ERROR: WEB-INF/web.xml's data source carries
  #    Payara's fish.payara.* pool properties, which WildFly has no setter for and names one by one;
  #  - org.wildfly.extension.microprofile.health.smallrye at ERROR: every DOWN answer of a health
  #    check is logged at WARN, one line per probe (a readiness probe during a start or an outage);
  #    the answer itself says it, as on Payara;
  #  - the transaction manager's node identifier is set (jboss.tx.node.id, default "tollgate"): the
  #    default "1" is warned about at every start;
  #  - no HTTPS listener, and no TLS context of Elytron's for it: as Payara Micro by default, Tollgate
  #    serves plain HTTP behind a proxy that terminates TLS; the listener's self-signed key store was
  #    warned about at every start.
  sed -i '/<console-handler name="CONSOLE">/,/<\/console-handler>/ s|<level name="INFO"/>|<level name="WARN"/>|' "$config"
  if ! grep -q 'name="TOLLGATE-CONSOLE"' "$config"; then
    sed -i -e 's|^\( *\)<periodic-rotating-file-handler name="FILE"|\1<console-handler name="TOLLGATE-CONSOLE"><level name="WARN"/><formatter><named-formatter name="COLOR-PATTERN"/></formatter></console-handler>\n&|' \
      -e 's|^\( *\)<logger category="com.arjuna">|\1<logger category="io.tollgate" use-parent-handlers="false"><level name="INFO"/><handlers><handler name="TOLLGATE-CONSOLE"/><handler name="FILE"/></handlers></logger>\n\1<logger category="org.jboss.as.dependency.private"><level name="ERROR"/></logger>\n\1<logger category="org.jboss.as.connector.deployer.dsdeployer"><level name="ERROR"/></logger>\n\1<logger category="org.wildfly.extension.microprofile.health.smallrye"><level name="ERROR"/></logger>\n&|' \
      "$config"
  fi
  # (an installation prepared when Tollgate's INFO records went to the console too)
  sed -i 's|<console-handler name="TOLLGATE-CONSOLE"><level name="INFO"/>|<console-handler name="TOLLGATE-CONSOLE"><level name="WARN"/>|' "$config"
  # a database outage logs one stack trace and one short line per failing request, both Tollgate's
  # (spec section 8): the pool's IJ030061 warning with its stack trace and Hibernate's two lines for
  # each failed statement (every one of which reaches the application's mappers) are left out
  if ! grep -q 'category="org.hibernate.engine.jdbc.spi.SqlExceptionHelper"' "$config"; then
    sed -i -e 's|^\( *\)<logger category="com.arjuna">|\1<logger category="org.jboss.jca.adapters.jdbc.local.LocalManagedConnectionFactory"><level name="ERROR"/></logger>\n\1<logger category="org.hibernate.engine.jdbc.spi.SqlExceptionHelper"><level name="OFF"/></logger>\n&|' "$config"
  fi
  # the same for the pool of the application's data source: each connection it cannot open during the
  # outage (IJ000604, IJ000610) and each dead one it drops after validating it (IJ000621) is a warning
  # with a stack trace; the outage is the application's to report, the pool's recovery is silent
  if ! grep -q 'category="org.jboss.jca.core.connectionmanager.pool"' "$config"; then
    sed -i -e 's|^\( *\)<logger category="com.arjuna">|\1<logger category="org.jboss.jca.core.connectionmanager.pool"><level name="ERROR"/></logger>\n&|' "$config"
  fi
  sed -i -e 's|node-identifier="${jboss.tx.node.id:1}"|node-identifier="${jboss.tx.node.id:tollgate}"|' \
    -e '/<https-listener name="https"/d' -e '/<tls>/,/<\/tls>/d' "$config"
done
# the boot log configuration, used until the logging subsystem takes over, and written from it at
# every start: a fresh copy of the configuration directory starts as quiet as a second start
sed -i 's|^handler.CONSOLE.level=INFO$|handler.CONSOLE.level=WARN|' "$home/standalone/configuration/logging.properties"
echo "$fingerprint" > "$stamp"
echo "WildFly at $home is ready for the Tollgate WAR"
