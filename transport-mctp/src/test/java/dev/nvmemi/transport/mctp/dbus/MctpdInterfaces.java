package dev.nvmemi.transport.mctp.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/**
 * mctpd's D-Bus interfaces (spec mctp.md §3.1, §3.3) as dbus-java declarations, one Java interface
 * per D-Bus interface and named after it. The simulated mctpd exports them and the tests call them
 * as a client would (mctpreactor, an operator); the discovery code under test never does.
 *
 * <p>Declarations only; thread-safe.
 */
public final class MctpdInterfaces {
  private MctpdInterfaces() {}

  /** v2 root object interface (same string as the bus name). */
  @DBusInterfaceName("au.com.codeconstruct.MCTP1")
  public interface MCTP1 extends DBusInterface {
    /** {@code yau}: register support for a message type while the caller stays connected. */
    void RegisterTypeSupport(byte type, UInt32[] versions);
  }

  /** v2 per-link object interface: properties Role (s, rw) and NetworkId (u) only. */
  @DBusInterfaceName("au.com.codeconstruct.MCTP.Interface1")
  public interface Interface1 extends DBusInterface {
  }

  /** v2 bus-owner methods on a link object; each returns {@code yisb} (eid, net, path, new/found). */
  @DBusInterfaceName("au.com.codeconstruct.MCTP.BusOwner1")
  public interface BusOwner1 extends DBusInterface {
    EndpointResult<Byte, Integer, String, Boolean> SetupEndpoint(byte[] physaddr);

    EndpointResult<Byte, Integer, String, Boolean> AssignEndpoint(byte[] physaddr);

    EndpointResult<Byte, Integer, String, Boolean> AssignEndpointStatic(byte[] physaddr, byte eid);

    EndpointResult<Byte, Integer, String, Boolean> LearnEndpoint(byte[] physaddr);
  }

  /** v2.2+ network object: LearnEndpoint(y) → (s path, b found); property LocalEIDs (ay). */
  @DBusInterfaceName("au.com.codeconstruct.MCTP.Network1")
  public interface Network1 extends DBusInterface {
    PathResult<String, Boolean> LearnEndpoint(byte eid);
  }

  /** OpenBMC endpoint interface: properties NetworkId (u; v1: i), EID (y), SupportedMessageTypes (ay). */
  @DBusInterfaceName("xyz.openbmc_project.MCTP.Endpoint")
  public interface OpenBmcMctpEndpoint extends DBusInterface {
  }

  /** OpenBMC UUID interface: property UUID (s). */
  @DBusInterfaceName("xyz.openbmc_project.Common.UUID")
  public interface OpenBmcCommonUuid extends DBusInterface {
  }

  /** v2 endpoint control: SetMTU(u), Remove(), Recover(); property Connectivity (s). */
  @DBusInterfaceName("au.com.codeconstruct.MCTP.Endpoint1")
  public interface Endpoint1 extends DBusInterface {
    void SetMTU(UInt32 mtu);

    void Remove();

    void Recover();
  }

  /** v1 root interface: the first argument of each method is the link name. */
  @DBusInterfaceName("au.com.CodeConstruct.MCTP")
  public interface CodeConstructMctpV1 extends DBusInterface {
    EndpointResult<Byte, Integer, String, Boolean> SetupEndpoint(String ifname, byte[] physaddr);

    EndpointResult<Byte, Integer, String, Boolean> AssignEndpoint(String ifname, byte[] physaddr);

    EndpointResult<Byte, Integer, String, Boolean> LearnEndpoint(String ifname, byte[] physaddr);
  }

  /** v1 endpoint control: SetMTU(u), Remove(). */
  @DBusInterfaceName("au.com.CodeConstruct.MCTP.Endpoint")
  public interface CodeConstructEndpointV1 extends DBusInterface {
    void SetMTU(UInt32 mtu);

    void Remove();
  }

  /** {@code yisb}: a generic Tuple, the form dbus-java 5.2.2 marshals as a multi-value return (§4.3). */
  public static final class EndpointResult<A, B, C, D> extends Tuple {
    @Position(0)
    public final A eid;
    @Position(1)
    public final B net;
    @Position(2)
    public final C path;
    @Position(3)
    public final D isNew;

    public EndpointResult(A eid, B net, C path, D isNew) {
      this.eid = eid;
      this.net = net;
      this.path = path;
      this.isNew = isNew;
    }
  }

  /** {@code sb}: (path, found). */
  public static final class PathResult<A, B> extends Tuple {
    @Position(0)
    public final A path;
    @Position(1)
    public final B found;

    public PathResult(A path, B found) {
      this.path = path;
      this.found = found;
    }
  }
}
