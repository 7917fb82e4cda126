# Discovery tests (transport-mctp, dev.nvmemi.transport.mctp.dbus) start a private dbus-daemon.
want dbus-daemon dbus-daemon
# dbus-java refuses every connection without a machine id (DBUS_MACHINE_ID_LOCATION, else
# /var/lib/dbus/machine-id, /usr/local/var/lib/dbus/machine-id, /etc/machine-id; empty files do
# not count). Slim containers often have none: give the tests one of their own.
if [ -z "${DBUS_MACHINE_ID_LOCATION:-}" ] && [ ! -s /var/lib/dbus/machine-id ] \
    && [ ! -s /usr/local/var/lib/dbus/machine-id ] && [ ! -s /etc/machine-id ]; then
  DBUS_MACHINE_ID_LOCATION="${TMPDIR:-/tmp}/nvme-mi-agent-test-machine-id"
  [ -s "$DBUS_MACHINE_ID_LOCATION" ] || od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$DBUS_MACHINE_ID_LOCATION"
  export DBUS_MACHINE_ID_LOCATION
  echo "scripts/test: no machine id on this host; D-Bus tests use $DBUS_MACHINE_ID_LOCATION"
fi
