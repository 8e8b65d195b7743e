package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;

/**
 * The extended-acknowledgement attributes of linux/netlink.h as definitions: what follows the error code (and the
 * quoted request) of an NLMSG_ERROR or NLMSG_DONE with NLM_F_ACK_TLVS, including NLMSGERR_ATTR_POLICY's nest
 * (NL_POLICY_TYPE_ATTR_*, the policy the refused attribute had to meet). Read by {@link ErrorReply} and checked at
 * the door by {@link Marshal} like any other attributes.
 */
final class ExtAck {
    private ExtAck() {
    }

    /** The definitions: set "nlmsgerr-attrs", with "policy" nested in "policy-type-attrs". */
    static final Schema SCHEMA = Schema.builder("ext-ack", Schema.Protocol.NETLINK_RAW, Netlink.NETLINK_ROUTE)
            .enumDef(EnumDef.values("attr-type", 0, "invalid", "flag", "u8", "u16", "u32", "u64", "s8", "s16", "s32",
                    "s64", "binary", "string", "nul-string", "nested", "nested-array", "bitfield32", "sint", "uint"))
            .attributeSet(AttributeSet.builder("nlmsgerr-attrs")
                    .attr(Netlink.NLMSGERR_ATTR_MSG, "msg", AttrType.STRING)
                    .attr(Netlink.NLMSGERR_ATTR_OFFS, "offs", AttrType.U32)
                    .attr(Netlink.NLMSGERR_ATTR_COOKIE, "cookie", AttrType.BINARY)
                    .nest(Netlink.NLMSGERR_ATTR_POLICY, "policy", "policy-type-attrs")
                    .attr(Netlink.NLMSGERR_ATTR_MISS_TYPE, "miss-type", AttrType.U32)
                    .attr(Netlink.NLMSGERR_ATTR_MISS_NEST, "miss-nest", AttrType.U32)
                    .build())
            .attributeSet(AttributeSet.builder("policy-type-attrs")
                    .attr(1, "type", AttrType.U32, a -> a.enumName("attr-type"))
                    .attr(2, "min-value-s", AttrType.S64)
                    .attr(3, "max-value-s", AttrType.S64)
                    .attr(4, "min-value-u", AttrType.U64)
                    .attr(5, "max-value-u", AttrType.U64)
                    .attr(6, "min-length", AttrType.U32)
                    .attr(7, "max-length", AttrType.U32)
                    .attr(8, "policy-idx", AttrType.U32)
                    .attr(9, "policy-maxtype", AttrType.U32)
                    .attr(10, "bitfield32-mask", AttrType.U32)
                    .attr(11, "pad", AttrType.PAD)
                    .attr(12, "mask", AttrType.U64)
                    .build())
            .build();

    /** The set of the attributes after the error (and the quoted request). */
    static final AttributeSet ATTRS = SCHEMA.attributeSet("nlmsgerr-attrs");
}
