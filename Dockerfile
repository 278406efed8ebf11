# Tollgate in a container: the WAR built from this repository by Maven, run by scripts/run.sh on
# Payara Micro as an unprivileged user, the data directory a volume, readiness as the health check.
#   docker build -t tollgate .
#   docker run -p 8080:8080 -v tollgate-data:/data tollgate
# On PostgreSQL: -e TOLLGATE_DB_URL=jdbc:postgresql://HOST:5432/tollgate -e TOLLGATE_DB_USER=… -e TOLLGATE_DB_PASSWORD=…
# (docs/kubernetes.yaml runs two replicas so). ContainerFilesTest checks that what this file names exists.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src src
COPY payara-config payara-config
COPY scripts scripts
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the health check; a system user without a login shell owns only the data directory
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /opt/tollgate --shell /usr/sbin/nologin tollgate \
    && mkdir -p /data && chown tollgate /data && chmod 700 /data
WORKDIR /opt/tollgate
COPY --from=build /src/target/payara-micro.jar /src/target/tollgate.war /src/target/postgresql.jar target/
COPY payara-config payara-config
COPY scripts/run.sh scripts/run.sh
ENV TOLLGATE_DATA_DIR=/data \
    TOLLGATE_PORT=8080
VOLUME /data
USER tollgate
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["scripts/run.sh"]
