/**
 * Integration tests of what {@code mvn package} delivers (failsafe, after the package phase): the OCI
 * image tarball is unpacked and started in a chroot, the Debian package goes through lintian, a dpkg
 * install into a scratch root and {@code systemd-analyze verify}, and the launcher's bounded JVM
 * defaults are held to their two promises (1000 simulated drives scraped; an OutOfMemoryError ends
 * the process). They need root (chroot, mount namespaces, dpkg --root) and Debian tools; under
 * {@code CI=true} a missing one fails the test naming it, elsewhere it is skipped with the reason.
 * Tests run on the JUnit thread; the agent runs as a child process.
 */
package dev.nvmemi.packaging;
