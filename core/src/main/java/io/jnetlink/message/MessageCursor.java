package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.StructDef;

import java.util.Arrays;

/**
 * Reads received messages in place: the zero-copy path. {@link #next()} moves to the next message of a run (a
 * datagram, or the part of it that answers one request); the getters read its header, fixed header and, through
 * {@link #attributes()}, its attributes from the received bytes, with no object per message or attribute. The run
 * was checked at the door ({@link Marshal#check}) before the cursor is handed out, so a cursor never shows a
 * message at or after a fault.
 *
 * <p>A cursor is reused: it is valid only during the call that hands it out (for example
 * {@code Replies.forEach}); keep the values you need, or {@link #message()} for a view that stays. Not thread-safe.
 * Every method that reads the current message throws {@link IllegalStateException} when there is none
 * ({@link #next()} not called yet, or it returned false).
 *
 * {@snippet :
 * replies.forEach(m -> {
 *     if (m.type() == Rtnl.RTM_NEWLINK) {
 *         int index = (int) m.header("ifi-index");
 *         AttrCursor a = m.attributes();
 *         while (a.next()) { ... }
 *     }
 * });
 * }
 */
public final class MessageCursor {
    private final Marshal marshal;
    private final AttrCursor attrs = new AttrCursor(0);
    private byte[] b;
    private int next;
    private int end;
    private int at = -1;
    private int len;
    /** The offset of the current message's fixed header (after nlmsghdr, and genlmsghdr for generic netlink). */
    private int fixed;
    private MessageDef def;
    private String target = "localhost";
    private int nsid = Integer.MIN_VALUE;
    private long receivedNanos;

    /**
     * A cursor decoding through {@code marshal} (the definitions of the socket's family).
     *
     * @param marshal picks each message's definition and checks the bytes at the door
     */
    public MessageCursor(Marshal marshal) {
        this.marshal = marshal;
    }

    /**
     * Positions the cursor before the messages of a whole datagram, after checking it at the door.
     *
     * @param datagram the bytes of one or more messages
     * @return this cursor
     * @throws MalformedMessageException when the bytes are malformed (nothing is read then)
     */
    public MessageCursor reset(byte[] datagram) {
        MalformedMessageException f = marshal.check(datagram, 0, datagram.length);
        if (f != null) {
            throw f;
        }
        return resetChecked(datagram, 0, datagram.length, "localhost", Integer.MIN_VALUE, System.nanoTime());
    }

    /**
     * Positions the cursor before the messages of {@code buf[start, stop)} (a datagram, or a run of its messages)
     * after checking them at the door: it will show the messages before the first fault, and the fault is returned,
     * not thrown.
     *
     * @param buf           the received bytes, read in place
     * @param start         the offset of the first message
     * @param stop          the offset just past the last message
     * @param label         the label of the receiving socket (its spec's target)
     * @param fromNsid      the nsid the bytes came from, or {@link Integer#MIN_VALUE}
     * @param nanos         {@link System#nanoTime()} at receipt
     * @return null when every message is well formed, else the first fault
     */
    public MalformedMessageException load(byte[] buf, int start, int stop, String label, int fromNsid, long nanos) {
        MalformedMessageException f = marshal.check(buf, start, stop);
        resetChecked(buf, start, f == null ? stop : Check.messageAt(buf, start, stop, f.offset()), label, fromNsid, nanos);
        return f;
    }

    /**
     * Positions the cursor before {@code m} alone (a view that came through the door already).
     *
     * @param m the message
     * @return this cursor
     */
    public MessageCursor load(NetlinkMessage m) {
        return resetChecked(m.buffer(), m.offset(), m.offset() + m.length(), m.target(), m.nsid(), m.receivedNanos());
    }

    /** Positions the cursor before the messages of {@code buf[start, stop)}, already checked at the door. */
    MessageCursor resetChecked(byte[] buf, int start, int stop, String label, int fromNsid, long nanos) {
        this.b = buf;
        this.next = start;
        this.end = stop;
        this.at = -1;
        this.target = label;
        this.nsid = fromNsid;
        this.receivedNanos = nanos;
        return this;
    }

    /**
     * Moves to the next message of the run, and picks its definition.
     *
     * @return true when it moved to the next message, false at the end of the run
     */
    public boolean next() {
        if (end - next < Netlink.NLMSG_HDRLEN) {
            at = -1;
            return false;
        }
        at = next;
        len = Bytes.i32(b, at);
        next = Math.min(end, at + Bytes.align4(len));
        def = marshal.definition(b, at, len);
        fixed = at + Netlink.NLMSG_HDRLEN + (marshal.isGeneric() && Bytes.u16(b, at + 4) >= Netlink.NLMSG_MIN_TYPE
                ? Netlink.GENL_HDRLEN : 0);
        return true;
    }

    private int here() {
        if (at < 0) {
            throw new IllegalStateException("no current message: call next() first");
        }
        return at;
    }

    /**
     * The current message's nlmsg_len: its length in bytes, header included.
     *
     * @return nlmsg_len: the message's length, header included
     */
    public int length() {
        here();
        return len;
    }

    /**
     * The current message's nlmsg_type.
     *
     * @return nlmsg_type
     */
    public int type() {
        return Bytes.u16(b, here() + 4);
    }

    /**
     * The current message's nlmsg_flags.
     *
     * @return nlmsg_flags
     */
    public int flags() {
        return Bytes.u16(b, here() + 6);
    }

    /**
     * The current message's nlmsg_seq.
     *
     * @return nlmsg_seq
     */
    public int seq() {
        return Bytes.i32(b, here() + 8);
    }

    /**
     * The current message's nlmsg_pid: the port of the sender or of the requester.
     *
     * @return nlmsg_pid: the port of the sender or of the requester
     */
    public int port() {
        return Bytes.i32(b, here() + 12);
    }

    /**
     * True when NLM_F_DUMP_INTR is set: the dump this message belongs to is inconsistent.
     *
     * @return true when NLM_F_DUMP_INTR is set: the dump this message belongs to is inconsistent
     */
    public boolean dumpInterrupted() {
        return (flags() & Netlink.NLM_F_DUMP_INTR) != 0;
    }

    /**
     * The definition the marshal chose for the current message, or null when its type (or command) is unknown.
     *
     * @return the definition the marshal chose for the message, or null
     */
    public MessageDef definition() {
        here();
        return def;
    }

    /**
     * The current message's generic netlink command (genlmsghdr.cmd).
     *
     * @return the generic netlink command (genlmsghdr.cmd)
     * @throws MalformedMessageException when the marshal is not generic netlink or the message is too short for a
     *                                   genlmsghdr
     */
    public int genlCommand() {
        int p = here();
        if (!marshal.isGeneric() || len < Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN) {
            throw new MalformedMessageException("no generic netlink header", p);
        }
        return b[p + Netlink.NLMSG_HDRLEN] & 0xff;
    }

    /**
     * One integer field of the fixed header, by name (a name match on a layout worked out once per definition).
     *
     * @param field the member's name, such as {@code "rtm-table"}
     * @return its value (unsigned unless the member is signed)
     * @throws IllegalArgumentException when the definition has no such integer member
     */
    public long header(String field) {
        here();
        StructDef s = def == null ? null : def.fixedHeader();
        HeaderLayout l = s == null ? null : HeaderLayout.of(s);
        int i = l == null ? -1 : l.index(field);
        StructDef.Member m = i < 0 ? null : l.members[i];
        if (m == null || !m.type().isInteger()) {
            throw new IllegalArgumentException((def == null ? "type " + type() : def.name())
                    + " has no integer header field '" + field + "'");
        }
        int p = fixed + l.offsets[i];
        return Codec.integer(b, p, l.sizes[i], m.type(), m.bigEndian(), p);
    }

    /**
     * One integer field of the fixed header, found once ({@link HeaderField#of}): a read at a known offset.
     *
     * @param field the field, of the struct that is this message's fixed header
     * @return its value (unsigned unless the member is signed)
     * @throws IllegalArgumentException when this message's fixed header is another struct
     */
    public long header(HeaderField field) {
        if (at < 0 || def == null || def.fixedHeader() != field.struct) {
            here();
            throw new IllegalArgumentException((def == null ? "type " + type() : def.name())
                    + " has no header field " + field);
        }
        return Codec.read(b, fixed + field.offset, field.size, field.signed, field.bigEndian);
    }

    /**
     * The current message's attributes after the fixed header, through the cursor this one reuses for them.
     *
     * @return the attributes after the fixed header, named by the definition (none for control messages)
     */
    public AttrCursor attributes() {
        int p = here();
        int stop = p + len;
        if (type() < Netlink.NLMSG_MIN_TYPE) {
            return attrs.reset(b, stop, stop, null);
        }
        StructDef s = def == null ? null : def.fixedHeader();
        int h = (fixed - p - Netlink.NLMSG_HDRLEN) + (s == null ? 0 : HeaderLayout.of(s).size);
        return attrs.reset(b, Math.min(stop, p + Netlink.NLMSG_HDRLEN + Bytes.align4(h)), stop,
                def == null ? null : def.attributes());
    }

    /**
     * The error code of an NLMSG_ERROR or NLMSG_DONE: 0 for an ACK or a clean end, a negative errno for a
     * refusal; 0 for other messages.
     *
     * @return the error code of an NLMSG_ERROR or NLMSG_DONE (0 for an ACK or a clean end), 0 for other messages
     */
    public int error() {
        int t = type();
        return (t == Netlink.NLMSG_ERROR || t == Netlink.NLMSG_DONE) && len >= Netlink.NLMSG_HDRLEN + 4
                ? Bytes.i32(b, at + Netlink.NLMSG_HDRLEN) : 0;
    }

    /**
     * The current message as a {@link NetlinkMessage}, over a copy of its bytes: the receive buffer is reused once
     * the cursor is done with it, the copy is not.
     *
     * @return a view of the current message that stays valid after the cursor moves (this allocates and copies)
     */
    public NetlinkMessage message() {
        int p = here();
        return new NetlinkMessage(Arrays.copyOfRange(b, p, p + len), 0, len, marshal.isGeneric() && type() >= Netlink.NLMSG_MIN_TYPE, def, target, nsid,
                receivedNanos);
    }

    /**
     * The buffer the messages are read from, shared and not copied.
     *
     * @return the buffer the messages are read from (do not keep it: it is reused)
     */
    public byte[] buffer() {
        return b;
    }

    /**
     * The offset of the current message's nlmsghdr in {@link #buffer()}.
     *
     * @return the offset of the current message in {@link #buffer()}
     */
    public int offset() {
        return here();
    }
}
