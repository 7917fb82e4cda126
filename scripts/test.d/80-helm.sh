# helm module: systemd-analyze verifies packaging/systemd/nvme-mi-agent.service (SystemdUnitTest).
# The chart tests need nothing: helm-java bundles the helm library.
want systemd-analyze systemd
