package io.jnetlink.generic;

/**
 * A device's port and transceiver (ETHTOOL_MSG_LINKINFO_GET). Values the driver does not report are null.
 *
 * @param dev         the device name
 * @param ifindex     the device index
 * @param port        the connector: "tp" (twisted pair), "aui", "mii", "fibre", "bnc", "da", "none", "other"
 * @param phyaddr     the PHY address
 * @param tpMdix      MDI(-X) status: "invalid" (unknown), "mdi", "mdi-x"
 * @param tpMdixCtrl  MDI(-X) control: "invalid" (unsupported), "mdi", "mdi-x", "auto"
 * @param transceiver "internal" or "external"
 */
public record LinkInfo(String dev, int ifindex, String port, Integer phyaddr, String tpMdix, String tpMdixCtrl,
                       String transceiver) {

    /**
     * The port as {@code ethtool DEV} prints it ("Twisted Pair", "FIBRE", ...), or null when not reported.
     *
     * @return the port as {@code ethtool DEV} prints it ("Twisted Pair", "FIBRE", ...), or null when not reported
     */
    public String portDescription() {
        if (port == null) {
            return null;
        }
        return switch (port) {
            case "tp" -> "Twisted Pair";
            case "aui" -> "AUI";
            case "mii" -> "MII";
            case "fibre" -> "FIBRE";
            case "bnc" -> "BNC";
            case "da" -> "Direct Attach Copper";
            case "none" -> "None";
            case "other" -> "Other";
            default -> "Unknown! (" + port + ")";
        };
    }
}
