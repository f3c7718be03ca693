# anneal serve on the CPU: JRE 17 and the light serve jar (core + ONNX Runtime + Vert.x), nothing else.
#
# Build (from the repository root, after `mvn -q -DskipTests package`):
#   docker build -f docker/serve.Dockerfile -t anneal-serve .
# Run, with a model repository (DIR/<name>/<version>/ bundles) mounted read-only:
#   docker run --rm -p 8080:8080 -v "$PWD/models:/models:ro" anneal-serve
FROM eclipse-temurin:17-jre

RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home anneal

COPY serve/target/anneal-serve.jar /opt/anneal/anneal-serve.jar

USER 10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/v2/health/ready || exit 1
# The arguments are the command (CMD), so that `docker run IMAGE --models ...` or KServe's args replace them.
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75", "-jar", "/opt/anneal/anneal-serve.jar"]
CMD ["--models", "/models", "--host", "0.0.0.0", "--port", "8080"]
