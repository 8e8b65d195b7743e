package io.jnetlink.route;

/**
 * VLANs to add to or delete from a bridge port ({@link IPRoute#addBridgeVlan}, {@link IPRoute#deleteBridgeVlan}),
 * as {@code bridge vlan add|del vid VID[-END] dev DEV [pvid] [untagged] [self] [master]}:
 *
 * <pre>{@code
 * BridgeVlanRequest.of("w0", 10).pvid().untagged()      // bridge vlan add vid 10 dev w0 pvid untagged
 * BridgeVlanRequest.range("w0", 20, 22)                 // bridge vlan add vid 20-22 dev w0
 * }</pre>
 *
 * The bridge must have VLAN filtering (the kernel's CONFIG_BRIDGE_VLAN_FILTERING, and {@code vlan_filtering 1}).
 * A mutable builder, used once.
 */
public final class BridgeVlanRequest {
    final String dev;
    final int vid;
    final int vidEnd;
    int flags;
    int bridgeFlags;

    private BridgeVlanRequest(String dev, int vid, int vidEnd) {
        if (!Names.validDevice(dev)) {
            throw new IllegalArgumentException("bridge vlan: '" + dev + "' is not a valid device name");
        }
        if (vid < 1 || vid > 4094 || vidEnd < vid || vidEnd > 4094) {
            throw new IllegalArgumentException("bridge vlan: vid " + vid + (vidEnd != vid ? "-" + vidEnd : "")
                    + " is not a VLAN id or range within 1..4094");
        }
        this.dev = dev;
        this.vid = vid;
        this.vidEnd = vidEnd;
    }

    /**
     * VLAN {@code vid} (1 to 4094) on port {@code dev}.
     *
     * @param dev the bridge port (or the bridge itself, with {@link #self()}), 1 to 15 bytes in UTF-8
     * @param vid the VLAN id, 1 to 4094
     * @return a new request with no flags
     * @throws IllegalArgumentException when {@code dev} is not a device name or {@code vid} is outside 1..4094
     */
    public static BridgeVlanRequest of(String dev, int vid) {
        return new BridgeVlanRequest(dev, vid, vid);
    }

    /**
     * VLANs {@code from} to {@code to} on port {@code dev}, sent as a RANGE_BEGIN, RANGE_END pair.
     *
     * @param dev  the bridge port (or the bridge itself, with {@link #self()}), 1 to 15 bytes in UTF-8
     * @param from the first VLAN id, 1 to 4094
     * @param to   the last VLAN id, {@code from} to 4094 (equal to {@code from}: one VLAN)
     * @return a new request with no flags
     * @throws IllegalArgumentException when {@code dev} is not a device name or the range is not within 1..4094
     */
    public static BridgeVlanRequest range(String dev, int from, int to) {
        return new BridgeVlanRequest(dev, from, to);
    }

    /**
     * The port's PVID: untagged frames that arrive go to this VLAN (one VLAN, not a range).
     *
     * @return this request
     * @throws IllegalArgumentException when the request is a range of VLANs
     */
    public BridgeVlanRequest pvid() {
        if (vidEnd != vid) {
            throw new IllegalArgumentException("bridge vlan: pvid cannot be configured for a vlan range");
        }
        flags |= BridgeVlan.PVID;
        return this;
    }

    /**
     * Frames of the VLAN leave the port untagged (BRIDGE_VLAN_INFO_UNTAGGED).
     *
     * @return this request
     */
    public BridgeVlanRequest untagged() {
        flags |= BridgeVlan.UNTAGGED;
        return this;
    }

    /**
     * Applies to the bridge's view of the port (BRIDGE_FLAGS_MASTER), the default.
     *
     * @return this request
     */
    public BridgeVlanRequest master() {
        bridgeFlags |= 1;
        return this;
    }

    /**
     * Applies to the device itself (BRIDGE_FLAGS_SELF): the bridge's own VLANs, or a switch port's.
     *
     * @return this request
     */
    public BridgeVlanRequest self() {
        bridgeFlags |= 2;
        return this;
    }

    /** The words of the operation ("vid 10 dev w0"). */
    String text() {
        return "vid " + vid + (vidEnd != vid ? "-" + vidEnd : "") + " dev " + dev;
    }
}
