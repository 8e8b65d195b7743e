package io.jnetlink.generic;

/**
 * A device's link state (ETHTOOL_MSG_LINKSTATE_GET). Values the driver does not report are null.
 *
 * @param dev          the device name
 * @param ifindex      the device index
 * @param link         link detected (carrier), or null when the driver cannot tell
 * @param sqi          signal quality index
 * @param sqiMax       the highest signal quality index
 * @param extState     why the link is down: "autoneg", "no-cable", ... (ETHTOOL_LINK_EXT_STATE_*)
 * @param extSubstate  the detail of extState, as a number
 * @param extDownCount how many times the link went down (kernel 6.4 and later)
 */
public record LinkState(String dev, int ifindex, Boolean link, Long sqi, Long sqiMax, String extState,
                        Integer extSubstate, Long extDownCount) {
}
