package io.jnetlink.generic;

import java.util.List;

/**
 * A device's speed, duplex, autonegotiation and link modes (ETHTOOL_MSG_LINKMODES_GET, or a LINKMODES
 * notification). Link modes are named as the kernel's ETH_SS_LINK_MODES strings ("100baseT/Full", ...).
 *
 * @param dev              the device name
 * @param ifindex          the device index
 * @param autoneg          autonegotiation on, or null when not reported
 * @param speed            Mb/s, or {@link #SPEED_UNKNOWN}
 * @param duplex           "half", "full", "unknown", or null when not reported
 * @param lanes            the number of lanes, or null when not reported
 * @param supported        the modes the device supports
 * @param advertised       the supported modes it advertises
 * @param peer             the modes the link partner advertises
 * @param masterSlaveCfg   MASTER_SLAVE_CFG_* as a number, or null
 * @param masterSlaveState MASTER_SLAVE_STATE_* as a number, or null
 * @param rateMatching     RATE_MATCH_* as a number, or null
 */
public record LinkModes(String dev, int ifindex, Boolean autoneg, long speed, String duplex, Integer lanes,
                        List<String> supported, List<String> advertised, List<String> peer, Integer masterSlaveCfg,
                        Integer masterSlaveState, Integer rateMatching) {

    /** The speed of a device that does not know it (the kernel's SPEED_UNKNOWN, (u32) -1), or did not say. */
    public static final long SPEED_UNKNOWN = -1;

    /** Copies the lists. */
    public LinkModes {
        supported = List.copyOf(supported);
        advertised = List.copyOf(advertised);
        peer = List.copyOf(peer);
    }
}
