package io.jnetlink;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.StructDef.Member;
import io.jnetlink.schema.SubMessageDef;

import java.util.List;
import java.util.Map;

/** A few rtnetlink definitions for the core's kernel tests (the full set belongs to the route module). */
public final class TestRoute {
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_GETROUTE = 26;

    public static final Schema SCHEMA = Schema.builder("test-route", Schema.Protocol.NETLINK_RAW, Netlink.NETLINK_ROUTE)
            .struct(new StructDef("ifinfomsg", List.of(Member.of("family", AttrType.U8), Member.of("pad", AttrType.U8),
                    Member.of("type", AttrType.U16), Member.of("index", AttrType.S32), Member.of("flags", AttrType.U32),
                    Member.of("change", AttrType.U32))))
            .struct(new StructDef("ifaddrmsg", List.of(Member.of("family", AttrType.U8), Member.of("prefixlen", AttrType.U8),
                    Member.of("flags", AttrType.U8), Member.of("scope", AttrType.U8), Member.of("index", AttrType.U32))))
            .struct(new StructDef("rtmsg", List.of(Member.of("family", AttrType.U8), Member.of("dst-len", AttrType.U8),
                    Member.of("src-len", AttrType.U8), Member.of("tos", AttrType.U8), Member.of("table", AttrType.U8),
                    Member.of("protocol", AttrType.U8), Member.of("scope", AttrType.U8), Member.of("type", AttrType.U8),
                    Member.of("flags", AttrType.U32))))
            .attributeSet(AttributeSet.builder("link-attrs")
                    .attr(1, "address", AttrType.BINARY, a -> a.display(Display.MAC))
                    .attr(3, "ifname", AttrType.STRING)
                    .attr(4, "mtu", AttrType.U32)
                    .nest(18, "linkinfo", "linkinfo-attrs")
                    .build())
            .attributeSet(AttributeSet.builder("linkinfo-attrs")
                    .attr(1, "kind", AttrType.STRING)
                    .attr(2, "data", AttrType.SUB_MESSAGE, a -> a.subMessage("linkinfo-data", "kind"))
                    .build())
            .attributeSet(AttributeSet.builder("vxlan-attrs")
                    .attr(1, "id", AttrType.U32)
                    .attr(15, "port", AttrType.U16, a -> a.bigEndian())
                    .build())
            .subMessage(new SubMessageDef("linkinfo-data", Map.of("vxlan", new SubMessageDef.Format("vxlan-attrs", null))))
            .attributeSet(AttributeSet.builder("addr-attrs")
                    .attr(1, "address", AttrType.BINARY, a -> a.display(Display.IPV4_OR_V6))
                    .attr(2, "local", AttrType.BINARY, a -> a.display(Display.IPV4_OR_V6))
                    .attr(3, "label", AttrType.STRING)
                    .build())
            .attributeSet(AttributeSet.builder("route-attrs")
                    .attr(1, "dst", AttrType.BINARY, a -> a.display(Display.IPV4_OR_V6))
                    .attr(4, "oif", AttrType.U32)
                    .attr(15, "table", AttrType.U32)
                    .build())
            .message(RTM_NEWLINK, "newlink", "ifinfomsg", "link-attrs")
            .message(RTM_GETLINK, "getlink", "ifinfomsg", "link-attrs")
            .message(RTM_NEWADDR, "newaddr", "ifaddrmsg", "addr-attrs")
            .message(RTM_GETADDR, "getaddr", "ifaddrmsg", "addr-attrs")
            .message(RTM_NEWROUTE, "newroute", "rtmsg", "route-attrs")
            .message(RTM_GETROUTE, "getroute", "rtmsg", "route-attrs")
            .build();

    private TestRoute() {
    }
}
