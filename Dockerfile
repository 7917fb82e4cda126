# syntax=docker/dockerfile:1
#
# Container image of nvme-mi-agent: the agent's shaded jar and its launcher bin/nvme-mi-agent, on a
# JRE 17, as a non-root user that holds only CAP_NET_RAW (what sending AF_MCTP needs).
#
#   docker build -t nvme-mi-agent:0.1.0 .        (or: podman build / buildah bud)
#
# NOTE: this recipe cannot be built on the project's build machines (no container engine there), so
# it is checked, not built, by helm/src/test/java/dev/nvmemi/helm/DockerfileTest.java: the runtime
# stage must carry the same jar (agent/target/<finalName>-<classifier>.jar from agent/pom.xml) and
# the same launcher (bin/nvme-mi-agent) that the tests run, and the user must match the Helm chart.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre-jammy

# ---- build: the same Maven reactor build as scripts/test, without the tests --------------------
FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl agent -am -DskipTests package \
 && test -f agent/target/nvme-mi-agent-all.jar \
 && test -x bin/nvme-mi-agent

# ---- runtime ------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}

# Kubernetes cannot give a non-root container ambient capabilities: capabilities added in the pod's
# securityContext reach the effective set only for uid 0. So the java binary carries the file
# capability cap_net_raw=ep (only NET_RAW: a file capability outside the pod's bounding set would
# make exec fail with EPERM). A binary with file capabilities runs in secure-execution mode, where
# the dynamic linker ignores the $ORIGIN RUNPATH through which java finds libjli.so: list the JDK
# library directories in ld.so.conf instead.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcap2-bin \
 && setcap cap_net_raw=ep "${JAVA_HOME}/bin/java" \
 && getcap "${JAVA_HOME}/bin/java" | grep -q cap_net_raw \
 && printf '%s\n' "${JAVA_HOME}/lib" "${JAVA_HOME}/lib/server" > /etc/ld.so.conf.d/nvme-mi-agent-java.conf \
 && ldconfig \
 && DEBIAN_FRONTEND=noninteractive apt-get purge -y libcap2-bin \
 && rm -rf /var/lib/apt/lists/* \
 && : "the pod keeps allowPrivilegeEscalation for the file capability: leave no setuid/setgid binary to escalate with" \
 && find / -xdev -perm /6000 -type f -exec chmod a-s {} + \
 && groupadd --system --gid 65532 nvme-mi-agent \
 && useradd --system --uid 65532 --gid 65532 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin nvme-mi-agent

# Same relative layout as the source tree, so the launcher finds the jar exactly as it does in a
# clone (bin/ next to agent/target/).
COPY --from=build /src/bin/nvme-mi-agent /opt/nvme-mi-agent/bin/nvme-mi-agent
COPY --from=build /src/agent/target/nvme-mi-agent-all.jar /opt/nvme-mi-agent/agent/target/nvme-mi-agent-all.jar

# Numeric, so that runAsNonRoot can verify it; the chart's securityContext.runAsUser is the same.
USER 65532:65532
WORKDIR /tmp
# /healthz /readyz /status (http.address) and the optional Prometheus pull endpoint.
EXPOSE 9100 9464
ENTRYPOINT ["/opt/nvme-mi-agent/bin/nvme-mi-agent"]
CMD ["run", "--config", "/etc/nvme-mi-agent/config.yaml"]
