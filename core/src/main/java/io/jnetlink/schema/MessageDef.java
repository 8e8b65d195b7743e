package io.jnetlink.schema;

/**
 * One message kind of a family: its fixed header and attribute set. For classic netlink (rtnetlink)
 * {@code value} is the nlmsg_type; for generic netlink it is the command.
 *
 * @param name        the message's name (e.g. "newlink", "getfamily")
 * @param value       nlmsg_type or genl command
 * @param fixedHeader the fixed header after nlmsghdr (and genlmsghdr), or null
 * @param attributes  the attribute set of the payload, or null for none
 */
public record MessageDef(String name, int value, StructDef fixedHeader, AttributeSet attributes) {

    /**
     * Size in bytes of the fixed header, 0 without one.
     *
     * @return the fixed header's size in bytes, or 0 when the message has none
     */
    public int headerSize() {
        return fixedHeader == null ? 0 : fixedHeader.size();
    }
}
