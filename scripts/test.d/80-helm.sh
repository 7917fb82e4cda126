# helm module. The chart tests need nothing: helm-java bundles the helm library.
# SystemdUnitTest: systemd-analyze verify on packaging/systemd/nvme-mi-agent.service.
want systemd-analyze systemd
# DbusPolicyTest: a real dbus-daemon with packaging/dbus/nvme-mi-agent.conf, dbus-send as the agent's uid.
want dbus-daemon dbus-daemon
want dbus-send dbus-bin
# PrometheusRulesTest: promtool check rules / test rules on the rendered PrometheusRule.
want promtool prometheus
# SystemdUnitTest resolves the unit's dependencies against the system's own units.
want /lib/systemd/system systemd
# DbusPolicyTest runs dbus-send as the agent's uid (setpriv) with a bind-mounted passwd in a private
# mount namespace (unshare -m, mount); it needs root, which installing packages needs anyway.
want setpriv util-linux
want unshare util-linux
want mount mount
