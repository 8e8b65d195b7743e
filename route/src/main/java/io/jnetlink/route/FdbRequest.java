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
        if (dev == null || dev.isEmpty() || dev.length() > 15) {
            throw new IllegalArgumentException("fdb " + mac + ": '" + dev + "' is not a valid device name");
        }
        this.mac = mac;
        this.dev = dev;
    }

    /** The entry for {@code mac} on device {@code dev} (a bridge port, the bridge, or a VXLAN device). */
    public static FdbRequest of(String mac, String dev) {
        return new FdbRequest(mac, dev);
    }

    /** In the device's own table (NTF_SELF): a VXLAN remote, a port's own address. The default. */
    public FdbRequest self() {
        flags |= FdbEntry.NTF_SELF;
        return this;
    }

    /** In the bridge's table (NTF_MASTER), on this port. */
    public FdbRequest master() {
        flags |= FdbEntry.NTF_MASTER;
        return this;
    }

    /** NTF_ROUTER. */
    public FdbRequest router() {
        flags |= FdbEntry.NTF_ROUTER;
        return this;
    }

    /** NTF_USE: refreshes the entry as if traffic had used it. */
    public FdbRequest use() {
        flags |= FdbEntry.NTF_USE;
        return this;
    }

    /** Learned by an external control plane (NTF_EXT_LEARNED), as EVPN daemons add entries. */
    public FdbRequest externLearn() {
        flags |= FdbEntry.NTF_EXT_LEARNED;
        return this;
    }

    /** Never moves to another port (NTF_STICKY). */
    public FdbRequest sticky() {
        flags |= FdbEntry.NTF_STICKY;
        return this;
    }

    /**
     * The state: "permanent" (or "local": the default), "static" (or "temp"), or "dynamic" (ages out), as
     * {@code bridge fdb add} reads them.
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

    /** The VLAN id (1 to 4094). */
    public FdbRequest vlan(int vid) {
        if (vid < 1 || vid > 4094) {
            throw new IllegalArgumentException("fdb " + mac + ": vlan " + vid + " is outside 1..4094");
        }
        this.vlan = vid;
        return this;
    }

    /** The remote VTEP of a VXLAN entry (NDA_DST), IPv4 or IPv6. */
    public FdbRequest dst(String address) {
        this.dst = Inet.address(address, "fdb " + mac + " dst");
        return this;
    }

    /** The remote's UDP port (NDA_PORT), when not the device's. */
    public FdbRequest port(int p) {
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("fdb " + mac + ": port " + p + " is outside 1..65535");
        }
        this.port = p;
        return this;
    }

    /** The remote's VNI (NDA_VNI, 0 to 16777215), when not the device's. */
    public FdbRequest vni(long v) {
        this.vni = vni("vni", v);
        return this;
    }

    /** The source VNI of a collect-metadata VXLAN device (NDA_SRC_VNI). */
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

    /** The device the remote is reached through (NDA_IFINDEX). */
    public FdbRequest via(String d) {
        if (d == null || d.isEmpty() || d.length() > 15) {
            throw new IllegalArgumentException("fdb " + mac + ": via '" + d + "' is not a valid device name");
        }
        this.via = d;
        return this;
    }

    /** Forwards to an fdb nexthop object or group (NDA_NH_ID) instead of {@code dst}. */
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
