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
        if (name == null || name.isEmpty() || name.length() > 15 || name.contains("/") || name.contains(" ")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid device name (1-15 characters, "
                    + "no '/' or space)");
        }
        this.name = name;
    }

    /** A request about the link {@code name}: to create it (with {@link #kind}) or to change it. */
    public static LinkRequest named(String name) {
        return new LinkRequest(name);
    }

    /** A veth pair: {@code name} and its peer {@code peer}. */
    public static LinkRequest veth(String name, String peer) {
        return named(name).kind("veth").peer(peer);
    }

    /** A bridge. */
    public static LinkRequest bridge(String name) {
        return named(name).kind("bridge");
    }

    /** A macvlan on {@code lower} in {@code mode} (private, vepa, bridge, passthru, source). */
    public static LinkRequest macvlan(String name, String lower, String mode) {
        return named(name).kind("macvlan").lower(lower).data("mode", mode);
    }

    /** A VXLAN device with network identifier {@code vni}. */
    public static LinkRequest vxlan(String name, long vni) {
        return named(name).kind("vxlan").data("id", vni);
    }

    /** An intermediate functional block device. */
    public static LinkRequest ifb(String name) {
        return named(name).kind("ifb");
    }

    /** A persistent tun device (created through /dev/net/tun, as {@code ip tuntap add} does). */
    public static LinkRequest tun(String name) {
        return named(name).kind("tun");
    }

    /** An 802.1Q VLAN device on {@code parent} with VLAN id {@code id} (0 to 4094). */
    public static LinkRequest vlan(String name, String parent, int id) {
        return named(name).kind("vlan").lower(parent).data("id", vlanId(id));
    }

    /**
     * A VLAN device with the tag protocol {@code protocol} ("802.1Q" or "802.1ad"), in ip's order for
     * {@code type vlan protocol P id N}.
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

    /** A VRF device bound to routing table {@code table}. */
    public static LinkRequest vrf(String name, long table) {
        if (table < 1 || table > 0xffffffffL) {
            throw new IllegalArgumentException("vrf table " + table + " is outside 1..4294967295");
        }
        return named(name).kind("vrf").data("table", table);
    }

    /**
     * A bond in {@code mode}: balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb
     * (or its number). More settings by their rt_link names: {@code .data("miimon", 100)}.
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

    /** A dummy device (the kind alone; it has no kind data). */
    public static LinkRequest dummy(String name) {
        return named(name).kind("dummy");
    }

    /** A WireGuard device (the kind alone: keys and peers are set through the wireguard generic netlink family). */
    public static LinkRequest wireguard(String name) {
        return named(name).kind("wireguard");
    }

    /** A GRE tunnel from {@code local} to {@code remote} (either may be null: any), without a key. */
    public static LinkRequest gre(String name, String local, String remote) {
        return gre(name, local, remote, null);
    }

    /**
     * A GRE tunnel from {@code local} to {@code remote} (either may be null: any) whose packets carry {@code key}
     * both ways (null: none). As {@code ip link add NAME type gre local L remote R key K}, the request holds every
     * setting ip sends with its defaults (path MTU discovery on, ttl and tos inherited); change one with
     * {@code .data("ttl", 64)}, the lower device with {@link #lower}.
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
            r.data("local", Inet.address(local, "gre local").getAddress());
        }
        if (remote != null) {
            r.data("remote", Inet.address(remote, "gre remote").getAddress());
        }
        // ip's order; "link" stays empty (and unsent) unless a lower device is given
        return r.data("pmtudisc", 1).data("tos", 0).data("link", null).data("ttl", 0).data("fwmark", 0)
                .data("encap-type", 0).data("encap-flags", 0).data("encap-sport", 0).data("encap-dport", 0);
    }

    /** The link kind (IFLA_INFO_KIND): veth, bridge, macvlan, vxlan, ifb, tun, ... */
    public LinkRequest kind(String k) {
        this.kind = k;
        return this;
    }

    /** The peer's name of a veth pair. */
    public LinkRequest peer(String n) {
        this.peer = n;
        return this;
    }

    /** The lower device ({@code ip link add ... link DEV}, or a vxlan's {@code dev DEV}). */
    public LinkRequest lower(String dev) {
        this.lower = dev;
        return this;
    }

    /**
     * A kind-specific setting (IFLA_INFO_DATA) by its rt_link spec name, e.g. vxlan {@code port}, bridge
     * {@code stp-state}; settings are sent in the order they were first given.
     */
    public LinkRequest data(String key, Object value) {
        data.put(key, value);
        return this;
    }

    /** The MTU. */
    public LinkRequest mtu(int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("mtu must be positive, got " + v);
        }
        this.mtu = v;
        return this;
    }

    /** The hardware address, colon-separated hex. */
    public LinkRequest address(String mac) {
        this.address = mac;
        return this;
    }

    /** Administratively up. */
    public LinkRequest up() {
        this.up = true;
        return this;
    }

    /** Administratively down. */
    public LinkRequest down() {
        this.up = false;
        return this;
    }

    /** Enslaves the link to {@code dev} (a bridge); {@code null} or "nomaster" releases it. */
    public LinkRequest master(String dev) {
        this.master = dev == null ? "nomaster" : dev;
        return this;
    }

    /** Moves the link into the named network namespace (/run/netns/NAME) or namespace file path. */
    public LinkRequest netns(String ns) {
        this.netns = ns;
        return this;
    }

    /** Renames the link (set only). */
    public LinkRequest rename(String newName) {
        new LinkRequest(newName);
        this.rename = newName;
        return this;
    }

    /** The transmit queue length. */
    public LinkRequest txqlen(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("txqlen must not be negative, got " + v);
        }
        this.txqlen = v;
        return this;
    }

    /** The link's name. */
    public String name() {
        return name;
    }
}
