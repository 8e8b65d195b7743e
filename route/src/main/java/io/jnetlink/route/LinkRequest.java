package io.jnetlink.route;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to create or change on a link: {@link IPRoute#addLink} creates the link named here with its kind,
 * {@link IPRoute#setLink} changes the existing link named here. Set only what should change; a request is a
 * mutable builder, used once.
 *
 * <pre>{@code
 * ip.addLink(LinkRequest.veth("v0", "v1").mtu(1400).up());
 * ip.addLink(LinkRequest.vxlan("vx0", 42).lower("v0").data("port", 4789));
 * ip.setLink(LinkRequest.named("v1").master("br0").up());
 * }</pre>
 */
public final class LinkRequest {
    final String name;
    String kind;
    String peer;
    String lower;
    Integer mtu;
    String address;
    Boolean up;
    String master;
    String netns;
    String rename;
    Integer txqlen;
    final Map<String, Object> data = new LinkedHashMap<>();

    private LinkRequest(String name) {
        if (!Names.validDevice(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid device name (1-15 bytes, "
                    + "no '/', ':' or space)");
        }
        this.name = name;
    }

    /**
     * A request about the link {@code name}: to create it (with {@link #kind}) or to change it.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest named(String name) {
        return new LinkRequest(name);
    }

    /**
     * A veth pair: {@code name} and its peer {@code peer}, created together.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param peer the peer's device name (checked when the request is sent)
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest veth(String name, String peer) {
        return named(name).kind("veth").peer(peer);
    }

    /**
     * A bridge (kind bridge); bridge settings by their rt_link names: {@code .data("stp-state", 1)}.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest bridge(String name) {
        return named(name).kind("bridge");
    }

    /**
     * A macvlan on {@code lower} in {@code mode} (private, vepa, bridge, passthru, source).
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param lower the device the macvlan sits on
     * @param mode  private, vepa, bridge, passthru or source (IFLA_MACVLAN_MODE)
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest macvlan(String name, String lower, String mode) {
        return named(name).kind("macvlan").lower(lower).data("mode", mode);
    }

    /**
     * A VXLAN device with network identifier {@code vni}; the UDP port, lower device, remote and the rest by
     * {@link #data} and {@link #lower}.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param vni the VXLAN network identifier (IFLA_VXLAN_ID), 0 to 16777215
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest vxlan(String name, long vni) {
        return named(name).kind("vxlan").data("id", vni);
    }

    /**
     * An intermediate functional block device (kind ifb).
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest ifb(String name) {
        return named(name).kind("ifb");
    }

    /**
     * A persistent tun device (created through /dev/net/tun, as {@code ip tuntap add} does); {@code kind("tap")}
     * makes it a tap device.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest tun(String name) {
        return named(name).kind("tun");
    }

    /**
     * An 802.1Q VLAN device on {@code parent} with VLAN id {@code id} (0 to 4094).
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param parent the device the VLAN device sits on
     * @param id     the VLAN id, 0 to 4094
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name or {@code id} is outside 0..4094
     */
    public static LinkRequest vlan(String name, String parent, int id) {
        return named(name).kind("vlan").lower(parent).data("id", vlanId(id));
    }

    /**
     * A VLAN device with the tag protocol {@code protocol} ("802.1Q" or "802.1ad"), in ip's order for
     * {@code type vlan protocol P id N}.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param parent   the device the VLAN device sits on
     * @param protocol "802.1Q" or "802.1ad" (any case)
     * @param id       the VLAN id, 0 to 4094
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name, {@code protocol} is neither
     *                                  802.1Q nor 802.1ad, or {@code id} is outside 0..4094
     */
    public static LinkRequest vlan(String name, String parent, String protocol, int id) {
        String p = switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
            case "802.1q" -> "8021q";
            case "802.1ad" -> "8021ad";
            default -> throw new IllegalArgumentException("vlan protocol '" + protocol + "' is not 802.1Q or 802.1ad");
        };
        return named(name).kind("vlan").lower(parent).data("protocol", p).data("id", vlanId(id));
    }

    private static int vlanId(int id) {
        if (id < 0 || id > 4094) {
            throw new IllegalArgumentException("vlan id " + id + " is outside 0..4094");
        }
        return id;
    }

    /**
     * A VRF device bound to routing table {@code table}.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param table the routing table id (IFLA_VRF_TABLE), 1 to 4294967295
     * @return a new request
     * @throws IllegalArgumentException when {@code table} is outside 1..4294967295 or {@code name} is not a valid
     *                                  device name
     */
    public static LinkRequest vrf(String name, long table) {
        if (table < 1 || table > 0xffffffffL) {
            throw new IllegalArgumentException("vrf table " + table + " is outside 1..4294967295");
        }
        return named(name).kind("vrf").data("table", table);
    }

    /**
     * A bond in {@code mode}: balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb
     * (or its number). More settings by their rt_link names: {@code .data("miimon", 100)}.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param mode one of the mode names above, or its number "0" to "6"
     * @return a new request
     * @throws IllegalArgumentException when {@code mode} is not a bond mode or {@code name} is not a valid device name
     */
    public static LinkRequest bond(String name, String mode) {
        java.util.List<String> modes = java.util.List.of("balance-rr", "active-backup", "balance-xor", "broadcast",
                "802.3ad", "balance-tlb", "balance-alb");
        int m = modes.indexOf(mode);
        if (m < 0 && mode.matches("[0-6]")) {
            m = Integer.parseInt(mode);
        }
        if (m < 0) {
            throw new IllegalArgumentException("bond mode '" + mode + "' is not one of " + modes);
        }
        return named(name).kind("bond").data("mode", m);
    }

    /**
     * A dummy device (the kind alone; it has no kind data).
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest dummy(String name) {
        return named(name).kind("dummy");
    }

    /**
     * A WireGuard device (the kind alone: keys and peers are set through the wireguard generic netlink family).
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name
     */
    public static LinkRequest wireguard(String name) {
        return named(name).kind("wireguard");
    }

    /**
     * A GRE tunnel from {@code local} to {@code remote} (either may be null: any), without a key; see
     * {@link #gre(String, String, String, Long)}.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param local  the local IPv4 address literal, or null for any
     * @param remote the remote IPv4 address literal, or null for any
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name, or {@code local} or
     *                                  {@code remote} is not an IPv4 address literal
     */
    public static LinkRequest gre(String name, String local, String remote) {
        return gre(name, local, remote, null);
    }

    /**
     * A GRE tunnel from {@code local} to {@code remote} (either may be null: any) whose packets carry {@code key}
     * both ways (null: none). As {@code ip link add NAME type gre local L remote R key K}, the request holds every
     * setting ip sends with its defaults (path MTU discovery on, ttl and tos inherited); change one with
     * {@code .data("ttl", 64)}, the lower device with {@link #lower}.
     *
     * @param name the device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @param local  the local IPv4 address literal, or null for any
     * @param remote the remote IPv4 address literal, or null for any
     * @param key    the GRE key, 0 to 4294967295, or null for none
     * @return a new request
     * @throws IllegalArgumentException when {@code name} is not a valid device name, {@code key} is outside
     *                                  0..4294967295, or {@code local} or {@code remote} is not an IPv4 address literal
     */
    public static LinkRequest gre(String name, String local, String remote, Long key) {
        if (key != null && (key < 0 || key > 0xffffffffL)) {
            throw new IllegalArgumentException("gre key " + key + " is outside 0..4294967295");
        }
        int keyFlag = key != null ? 0x2000 /* GRE_KEY */ : 0;
        long k = key != null ? key : 0;
        LinkRequest r = named(name).kind("gre").data("ikey", k).data("okey", k).data("iflags", keyFlag)
                .data("oflags", keyFlag);
        if (local != null) {
            r.data("local", greEndpoint(local, "gre local"));
        }
        if (remote != null) {
            r.data("remote", greEndpoint(remote, "gre remote"));
        }
        // ip's order; "link" stays empty (and unsent) unless a lower device is given
        return r.data("pmtudisc", 1).data("tos", 0).data("link", null).data("ttl", 0).data("fwmark", 0)
                .data("encap-type", 0).data("encap-flags", 0).data("encap-sport", 0).data("encap-dport", 0);
    }

    /** The 4 bytes of a GRE endpoint: plain GRE carries IPv4 (ip6gre is another kind). */
    private static byte[] greEndpoint(String literal, String what) {
        java.net.InetAddress a = Inet.address(literal, what);
        if (!(a instanceof java.net.Inet4Address)) {
            throw new IllegalArgumentException(what + ": '" + literal + "' is not an IPv4 address (gre carries IPv4)");
        }
        return a.getAddress();
    }

    /**
     * The link kind (IFLA_INFO_KIND): veth, bridge, macvlan, vxlan, ifb, tun, ...
     *
     * @param k the kind's name as the kernel knows it (tun and tap are made through /dev/net/tun)
     * @return this request
     */
    public LinkRequest kind(String k) {
        this.kind = k;
        return this;
    }

    /**
     * The peer's name of a veth pair (sent in the veth kind data).
     *
     * @param n the peer's device name
     * @return this request
     */
    public LinkRequest peer(String n) {
        this.peer = n;
        return this;
    }

    /**
     * The lower device ({@code ip link add ... link DEV}, or a vxlan's {@code dev DEV}).
     *
     * @param dev the lower device's name (its ifindex is looked up when the request is sent)
     * @return this request
     */
    public LinkRequest lower(String dev) {
        this.lower = dev;
        return this;
    }

    /**
     * A kind-specific setting (IFLA_INFO_DATA) by its rt_link spec name, e.g. vxlan {@code port}, bridge
     * {@code stp-state}; settings are sent in the order they were first given.
     *
     * @param key   the attribute's name in the kind's rt_link attribute set
     * @param value its value, of a type the attribute encodes (a number, a string, a byte array, ...); null drops a
     *              setting given earlier (it is not sent)
     * @return this request
     */
    public LinkRequest data(String key, Object value) {
        data.put(key, value);
        return this;
    }

    /**
     * The MTU in bytes (IFLA_MTU).
     *
     * @param v the MTU, positive (the kernel refuses one outside the device's range)
     * @return this request
     * @throws IllegalArgumentException when {@code v} is not positive
     */
    public LinkRequest mtu(int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("mtu must be positive, got " + v);
        }
        this.mtu = v;
        return this;
    }

    /**
     * The hardware address (IFLA_ADDRESS).
     *
     * @param mac colon-separated hex ("02:00:00:00:00:01")
     * @return this request
     */
    public LinkRequest address(String mac) {
        this.address = mac;
        return this;
    }

    /**
     * Administratively up (sets IFF_UP).
     *
     * @return this request
     */
    public LinkRequest up() {
        this.up = true;
        return this;
    }

    /**
     * Administratively down (clears IFF_UP).
     *
     * @return this request
     */
    public LinkRequest down() {
        this.up = false;
        return this;
    }

    /**
     * Enslaves the link to {@code dev} (a bridge, a bond, a VRF: IFLA_MASTER); {@code null} or "nomaster" releases it.
     *
     * @param dev the master device's name, or null or "nomaster" for none
     * @return this request
     */
    public LinkRequest master(String dev) {
        this.master = dev == null ? "nomaster" : dev;
        return this;
    }

    /**
     * Moves the link into the named network namespace (/run/netns/NAME) or namespace file path (IFLA_NET_NS_FD).
     *
     * @param ns a namespace name or a path (opened when the request is sent: ENOENT when it does not exist)
     * @return this request
     */
    public LinkRequest netns(String ns) {
        this.netns = ns;
        return this;
    }

    /**
     * Renames the link (set only: {@link IPRoute#addLink} refuses a rename).
     *
     * @param newName the new device name: 1 to 15 bytes in UTF-8, no '/' or space
     * @return this request
     * @throws IllegalArgumentException when {@code newName} is not a valid device name
     */
    public LinkRequest rename(String newName) {
        new LinkRequest(newName);
        this.rename = newName;
        return this;
    }

    /**
     * The transmit queue length in packets (IFLA_TXQLEN).
     *
     * @param v the queue length, 0 or more
     * @return this request
     * @throws IllegalArgumentException when {@code v} is negative
     */
    public LinkRequest txqlen(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("txqlen must not be negative, got " + v);
        }
        this.txqlen = v;
        return this;
    }

    /**
     * The name of the link this request creates or changes.
     *
     * @return the device name given to the factory
     */
    public String name() {
        return name;
    }
}
