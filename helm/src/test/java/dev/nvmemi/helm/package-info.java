/**
 * Tests of the deployment artefacts: the Helm chart under {@code helm/nvme-mi-agent} (lint, template,
 * the rendered manifests, the values schema, the telemetry names in the dashboard and the alert rules
 * against the agent's {@code TelemetryContract}), the container image recipe and the systemd unit.
 * The chart is rendered through helm-java, which bundles the helm library; no cluster is needed.
 * Tests run on the JUnit thread.
 */
package dev.nvmemi.helm;
