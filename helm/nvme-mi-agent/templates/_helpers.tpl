{{/* Chart name, shortened to the 63 characters a label value allows. */}}
{{- define "nvme-mi-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, unless the release name already contains the chart name. */}}
{{- define "nvme-mi-agent.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "nvme-mi-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "nvme-mi-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "nvme-mi-agent.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "nvme-mi-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: node-agent
{{- end }}

{{- define "nvme-mi-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "nvme-mi-agent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "nvme-mi-agent.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The port of config.http.address (host:port, [v6]:port). The kubelet probes the pod IP, which with
the host network is the node's address, so a loopback listener can never pass a probe: refuse it
here with the reason rather than let every pod crash-loop.
*/}}
{{- define "nvme-mi-agent.httpPort" -}}
{{- if and .Values.config (hasKey .Values.config "http") .Values.config.http (hasKey .Values.config.http "enabled") (not .Values.config.http.enabled) }}
{{- fail "config.http.enabled: false (expected: true; the liveness and readiness probes call /healthz and /readyz)" }}
{{- end }}
{{- $address := "127.0.0.1:9100" }}
{{- if and .Values.config (hasKey .Values.config "http") .Values.config.http (hasKey .Values.config.http "address") }}
{{- $address = toString .Values.config.http.address }}
{{- end }}
{{- $host := regexReplaceAll ":[0-9]+$" $address "" | trimPrefix "[" | trimSuffix "]" }}
{{- if or (hasPrefix "127." $host) (eq $host "localhost") (eq $host "::1") }}
{{- fail (printf "config.http.address: %q listens on loopback only (expected: a pod-reachable address such as 0.0.0.0:9100); the kubelet probes /healthz and /readyz on the node's address because the pod uses the host network" $address) }}
{{- end }}
{{- $port := regexFind "[0-9]+$" $address }}
{{- if not $port }}
{{- fail (printf "config.http.address: %q has no port (expected: host:port, e.g. 0.0.0.0:9100)" $address) }}
{{- end }}
{{- $port }}
{{- end }}

{{/* OTEL_METRICS_EXPORTER: otel.metricsExporter, else otlp when an endpoint is set, prometheus when enabled, else none. */}}
{{- define "nvme-mi-agent.metricsExporters" -}}
{{- if .Values.otel.metricsExporter }}
{{- .Values.otel.metricsExporter }}
{{- else }}
{{- $e := list }}
{{- if .Values.otel.endpoint }}{{ $e = append $e "otlp" }}{{ end }}
{{- if .Values.prometheus.enabled }}{{ $e = append $e "prometheus" }}{{ end }}
{{- if $e }}{{ join "," $e }}{{ else }}none{{ end }}
{{- end }}
{{- end }}

{{/* OTEL_LOGS_EXPORTER (events): otel.logsExporter, else otlp when an endpoint is set, else console. */}}
{{- define "nvme-mi-agent.logsExporters" -}}
{{- if .Values.otel.logsExporter }}
{{- .Values.otel.logsExporter }}
{{- else if .Values.otel.endpoint }}otlp
{{- else }}console
{{- end }}
{{- end }}

{{/* OTEL_RESOURCE_ATTRIBUTES: the downward-API attributes first, then otel.resourceAttributes. */}}
{{- define "nvme-mi-agent.resourceAttributes" -}}
{{- $attrs := list "k8s.node.name=$(K8S_NODE_NAME)" "k8s.pod.name=$(K8S_POD_NAME)" "k8s.namespace.name=$(K8S_NAMESPACE_NAME)" }}
{{- range $k, $v := .Values.otel.resourceAttributes }}
{{- $attrs = append $attrs (printf "%s=%s" $k (toString $v)) }}
{{- end }}
{{- join "," $attrs }}
{{- end }}

{{/* A map as k=v,k=v (OTEL_EXPORTER_OTLP_HEADERS), keys sorted. */}}
{{- define "nvme-mi-agent.keyValueList" -}}
{{- $pairs := list }}
{{- range $k, $v := . }}
{{- $pairs = append $pairs (printf "%s=%s" $k (toString $v)) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}

{{/*
Scraped series get the label k8s_node_name, the same label a Collector's Prometheus remote-write
(resource_to_telemetry_conversion) derives from the k8s.node.name resource attribute, so the
dashboard and the rules work on either path.
*/}}
{{- define "nvme-mi-agent.nodeRelabeling" -}}
- sourceLabels: [__meta_kubernetes_pod_node_name]
  targetLabel: k8s_node_name
  action: replace
{{- end }}

{{/*
Metric names as scraped from the agent's own Prometheus endpoint, normalised to the telemetry
contract's Prometheus names (TelemetryContract.Metric.prometheusName()): OpenTelemetry Java's
Prometheus exporter drops the unit "1" of gauges, while the contract (and a Collector's Prometheus
remote write) spell them with _ratio. The list is every gauge of unit "1" in the contract
(TelemetryNamesTest checks it), so rules and dashboard see one name on either path.
*/}}
{{- define "nvme-mi-agent.metricRelabelings" -}}
- sourceLabels: [__name__]
  regex: (hw_physical_disk_endurance_utilization|nvme_spare_available|nvme_spare_threshold|nvme_critical_warning|nvme_controller_ready|nvme_mi_endpoint_reachable|nvme_mi_bus_utilization|nvme_ocp_nand_spare_remaining|nvme_ocp_thermal_throttling_level|nvme_ocp_free_blocks|nvme_ocp_capacitor_health|nvme_ocp_write_amplification)
  targetLabel: __name__
  replacement: ${1}_ratio
  action: replace
{{- end }}
