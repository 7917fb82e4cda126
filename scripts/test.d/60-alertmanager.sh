# plugins/exporter-alertmanager: RealAlertmanagerTest starts a real Prometheus Alertmanager
# (the Debian package installs the binary as /usr/bin/prometheus-alertmanager).
want /usr/bin/prometheus-alertmanager prometheus-alertmanager
# TlsAndAuthTest generates its test certificates with openssl.
want openssl openssl
