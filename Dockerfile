# syntax=docker/dockerfile:1
# The image of every service, from its layered Spring Boot jar. One file for all seven: they differ only in
# the module folder and the port, given as build arguments. Build the jar first, then the image, from the
# repository root (the context must hold <module>/target; .dockerignore sends only the runnable jars):
#   ./mvnw -B -pl payment-service -am package -DskipTests
#   docker build --build-arg MODULE=payment-service --build-arg PORT=8082 \
#     -t emberpay/payment-service:0.1.0-SNAPSHOT .
# docker-compose.yml passes the same arguments per service. Without a Docker daemon:
# ./mvnw -pl <module> jib:buildTar (docs/deploy.md).

# Pinned to an exact JRE release; CI resolves and pins the digest (docs/deploy.md, "Base image").
ARG BASE_IMAGE=eclipse-temurin:21.0.8_9-jre-noble

FROM ${BASE_IMAGE} AS layers
# no defaults: an image built without naming its service must fail here, not ship the wrong jar or port
ARG MODULE
ARG PORT
RUN test -n "${MODULE}" && test -n "${PORT}" \
	|| { echo "build with --build-arg MODULE=<service folder> --build-arg PORT=<its server port>" >&2; exit 1; }
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${BASE_IMAGE}
ARG PORT
WORKDIR /app
# least-changing layer first, so a code change rebuilds and ships only the last one
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# not root: a numeric uid/gid that owns nothing in the image (the app files stay root-owned, read-only)
USER 65532:65532
EXPOSE ${PORT}
# no HEALTHCHECK: docker-compose and Kubernetes probe /actuator/health/{liveness,readiness} themselves.
# Heap sized from the container's memory limit; die on OOM so the orchestrator restarts a clean JVM.
# More flags: JAVA_TOOL_OPTIONS in the environment.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", \
	"org.springframework.boot.loader.launch.JarLauncher"]
