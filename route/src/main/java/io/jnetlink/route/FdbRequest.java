package io.jnetlink.route;

import java.net.InetAddress;

/**
 * A bridge forwarding database entry to add, append, replace or delete ({@link IPRoute#addFdb},
 * {@link IPRoute#appendFdb}, {@link IPRoute#replaceFdb}, {@link IPRoute#deleteFdb}), in {@code bridge fdb}'s terms:
 *
 * <pre>{@code
 * FdbRequest.of("02:00:00:00:00:01", "w0").master().state("static").vlan(10)   // bridge fdb add ... master static
 * FdbRequest.of("00:00:00:00:00:00", "vx0").dst("10.0.0.2")                   // bridge fdb append ... dst (EVPN BUM)
 * FdbRequest.of("02:00:00:00:00:04", "vx0").dst("10.0.0.4").vni(100).port(4790)
 * }</pre>
 *
 * As {@code bridge}: the entry goes to the device's own table ({@code self}) unless {@link #master()} is asked for,
 * and is permanent unless {@link #state} says otherwise. Arguments are checked when given. A mutable builder, used
 * once.
 */
public final class FdbRequest {
    final String mac;
    final String dev;
    int flags;
    int state = FdbEntry.NUD_NOARP;
    Integer vlan;
    InetAddress dst;
    Integer port;
    Long vni;
    Long srcVni;
    String via;
    Long nhId;

    private FdbRequest(String mac, String dev) {
        if (mac == null || !mac.matches("(?i)[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}")) {
            throw new IllegalArgumentException("fdb: '" + mac + "' is not a MAC address (six hex bytes, ':'-separated)");
        }
        if (!Names.validDevice(dev)) {
            throw new IllegalArgumentException("fdb " + mac + ": '" + dev + "' is not a valid device name");
        }
        this.mac = mac;
        this.dev = dev;
    }

    /**
     * The entry for {@code mac} on device {@code dev} (a bridge port, the bridge, or a VXLAN device).
     *
     * @param mac the MAC address (NDA_LLADDR): six hex bytes separated by ':'
     * @param dev the device name, 1 to 15 bytes in UTF-8 (its ifindex is looked up when the request is sent)
     * @return a new request: self, permanent
     * @throws IllegalArgumentException when {@code mac} is not a MAC address or {@code dev} not a device name
     */
    public static FdbRequest of(String mac, String dev) {
        return new FdbRequest(mac, dev);
    }

    /**
     * In the device's own table (NTF_SELF): a VXLAN remote, a port's own address. The default when neither this nor
     * {@link #master()} is asked for.
     *
     * @return this request
     */
    public FdbRequest self() {
        flags |= FdbEntry.NTF_SELF;
        return this;
    }

    /**
     * In the bridge's table (NTF_MASTER), on this port.
     *
     * @return this request
     */
    public FdbRequest master() {
        flags |= FdbEntry.NTF_MASTER;
        return this;
    }

    /**
     * Marks the entry as a router's (NTF_ROUTER).
     *
     * @return this request
     */
    public FdbRequest router() {
        flags |= FdbEntry.NTF_ROUTER;
        return this;
    }

    /**
     * NTF_USE: refreshes the entry as if traffic had used it.
     *
     * @return this request
     */
    public FdbRequest use() {
        flags |= FdbEntry.NTF_USE;
        return this;
    }

    /**
     * Learned by an external control plane (NTF_EXT_LEARNED), as EVPN daemons add entries.
     *
     * @return this request
     */
    public FdbRequest externLearn() {
        flags |= FdbEntry.NTF_EXT_LEARNED;
        return this;
    }

    /**
     * Never moves to another port (NTF_STICKY).
     *
     * @return this request
     */
    public FdbRequest sticky() {
        flags |= FdbEntry.NTF_STICKY;
        return this;
    }

    /**
     * The state: "permanent" (or "local": the default), "static" (or "temp"), or "dynamic" (ages out), as
     * {@code bridge fdb add} reads them.
     *
     * @param s permanent, local, static, temp or dynamic
     * @return this request
     * @throws IllegalArgumentException when {@code s} is none of those
     */
    public FdbRequest state(String s) {
        switch (s) {
            case "permanent", "local" -> state |= FdbEntry.NUD_PERMANENT;
            case "static", "temp" -> state |= FdbEntry.NUD_REACHABLE;
            case "dynamic" -> state = (state | FdbEntry.NUD_REACHABLE) & ~FdbEntry.NUD_NOARP;
            default -> throw new IllegalArgumentException("fdb " + mac + ": state '" + s
                    + "' is not permanent, local, static, temp or dynamic");
        }
        return this;
    }

    /**
     * The VLAN id (NDA_VLAN, 1 to 4094).
     *
     * @param vid the VLAN id, 1 to 4094
     * @return this request
     * @throws IllegalArgumentException when {@code vid} is outside 1..4094
     */
    public FdbRequest vlan(int vid) {
        if (vid < 1 || vid > 4094) {
            throw new IllegalArgumentException("fdb " + mac + ": vlan " + vid + " is outside 1..4094");
        }
        this.vlan = vid;
        return this;
    }

    /**
     * The remote VTEP of a VXLAN entry (NDA_DST), IPv4 or IPv6.
     *
     * @param address an IPv4 or IPv6 literal
     * @return this request
     * @throws IllegalArgumentException when {@code address} is not an IPv4 or IPv6 literal
     */
    public FdbRequest dst(String address) {
        this.dst = Inet.address(address, "fdb " + mac + " dst");
        return this;
    }

    /**
     * The remote's UDP port (NDA_PORT), when not the device's.
     *
     * @param p the UDP port, 1 to 65535
     * @return this request
     * @throws IllegalArgumentException when {@code p} is outside 1..65535
     */
    public FdbRequest port(int p) {
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("fdb " + mac + ": port " + p + " is outside 1..65535");
        }
        this.port = p;
        return this;
    }

    /**
     * The remote's VNI (NDA_VNI, 0 to 16777215), when not the device's.
     *
     * @param v the VXLAN network identifier, 0 to 16777215
     * @return this request
     * @throws IllegalArgumentException when {@code v} is outside 0..16777215
     */
    public FdbRequest vni(long v) {
        this.vni = vni("vni", v);
        return this;
    }

    /**
     * The source VNI of a collect-metadata VXLAN device (NDA_SRC_VNI).
     *
     * @param v the VXLAN network identifier, 0 to 16777215
     * @return this request
     * @throws IllegalArgumentException when {@code v} is outside 0..16777215
     */
    public FdbRequest srcVni(long v) {
        this.srcVni = vni("src_vni", v);
        return this;
    }

    private long vni(String what, long v) {
        if (v < 0 || v > 0xffffff) {
            throw new IllegalArgumentException("fdb " + mac + ": " + what + " " + v + " is outside 0..16777215");
        }
        return v;
    }

    /**
     * The device the remote is reached through (NDA_IFINDEX).
     *
     * @param d the device name, 1 to 15 bytes in UTF-8
     * @return this request
     * @throws IllegalArgumentException when {@code d} is not a device name
     */
    public FdbRequest via(String d) {
        if (!Names.validDevice(d)) {
            throw new IllegalArgumentException("fdb " + mac + ": via '" + d + "' is not a valid device name");
        }
        this.via = d;
        return this;
    }

    /**
     * Forwards to an fdb nexthop object or group (NDA_NH_ID) instead of {@code dst}; such an entry has no dst, port or
     * vni (the request is refused when sent).
     *
     * @param id the nexthop object's id, 1 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code id} is outside 1..4294967295
     */
    public FdbRequest nhid(long id) {
        if (id < 1 || id > 0xffffffffL) {
            throw new IllegalArgumentException("fdb " + mac + ": nhid " + id + " is outside 1..4294967295");
        }
        this.nhId = id;
        return this;
    }

    /** The operation's words for messages ("02:00:00:00:00:01 dev w0"). */
    String text() {
        return mac + " dev " + dev;
    }
}
