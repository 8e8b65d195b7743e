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

    /** A kind-specific setting (IFLA_INFO_DATA) by its rt_link spec name, e.g. vxlan {@code port}, bridge {@code stp-state}. */
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
