# anneal serve on NVIDIA GPUs: the CUDA 12 runtime with cuDNN 9, JRE 17, and the serve jar built with
# ONNX Runtime's CUDA build (onnxruntime_gpu). Without a usable GPU it falls back to the CPU with a
# logged warning.
#
# Build (from the repository root):
#   mvn -q -Pgpu -DskipTests package
#   docker build -f docker/serve-gpu.Dockerfile -t anneal-serve-gpu .
# Run (NVIDIA Container Toolkit):
#   docker run --rm --gpus all -p 8080:8080 -v "$PWD/models:/models:ro" anneal-serve-gpu
FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04

RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home anneal

COPY serve/target/anneal-serve.jar /opt/anneal/anneal-serve.jar

USER 10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/v2/health/ready || exit 1
# The arguments are the command (CMD), so that `docker run IMAGE --models ...` or KServe's args replace them.
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75", "-jar", "/opt/anneal/anneal-serve.jar"]
CMD ["--models", "/models", "--host", "0.0.0.0", "--port", "8080", "--device", "cuda:0"]
