/**
 * Discovery of NVMe-MI endpoints from mctpd over D-Bus (dbus-java 5.2.2, native unix socket
 * transport): {@link dev.nvmemi.transport.mctp.dbus.MctpdDiscovery} follows {@code GetManagedObjects}
 * and the ObjectManager, Properties and NameOwnerChanged signals of mctpd's v2 object model
 * ({@code au.com.codeconstruct.MCTP1}) or, when that name is absent, its v1 model
 * ({@code xyz.openbmc_project.MCTP}). Spec: {@code shared/spec/mctp.md} §3 (the API) and §4 (dbus-java
 * facts); module documentation: {@code transport-mctp/DISCOVERY.md}.
 *
 * <p>Threads: dbus-java's own threads only hand signals over; every D-Bus call runs on one
 * dedicated daemon thread per source ("mctpd-dbus"); all state and every event lives on the
 * source's Vert.x context. The agent is read-only towards mctpd: it calls {@code GetManagedObjects}
 * and the bus driver's {@code NameHasOwner}/{@code GetNameOwner}/{@code AddMatch}, never mctpd's
 * methods (not SetupEndpoint, Remove, SetMTU, Recover or Register*).
 */
package dev.nvmemi.transport.mctp.dbus;
