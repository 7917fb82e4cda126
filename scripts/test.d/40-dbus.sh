# Discovery tests (transport-mctp dev.nvmemi.transport.mctp.dbus) start a private dbus-daemon.
want dbus-daemon dbus-daemon
