package io.jnetlink.message;

import io.jnetlink.Netlink;

import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.MessageDef;

import java.util.Arrays;

/**
 * An encoded message ready to send, with the definition it was encoded from (so an extended-ack offset in
 * the kernel's answer can be mapped back to an attribute name). The socket stamps sequence number and
 * port when it sends; the bytes held here are never modified. Made by {@link MessageBuilder} or
 * {@link #ofBytes(byte[])}.
 */
public final class OutgoingMessage {
    private final byte[] bytes;
    private final MessageDef def;
    private final boolean genl;

    OutgoingMessage(byte[] bytes, MessageDef def, boolean genl) {
        this.bytes = bytes;
        this.def = def;
        this.genl = genl;
    }

    /**
     * Wraps a complete message that was encoded elsewhere. Its nlmsg_len must equal the array's length.
     *
     * @param message the whole message, nlmsghdr first (copied)
     * @return the message, without a definition
     * @throws IllegalArgumentException when the bytes are not one netlink message
     */
    public static OutgoingMessage ofBytes(byte[] message) {
        if (message.length < Netlink.NLMSG_HDRLEN || Bytes.i32(message, 0) != message.length) {
            throw new IllegalArgumentException("not one netlink message: " + message.length
                    + " bytes, nlmsg_len " + (message.length >= 4 ? Bytes.i32(message, 0) : -1));
        }
        return new OutgoingMessage(message.clone(), null, false);
    }

    /**
     * The message's nlmsg_type.
     *
     * @return nlmsg_type, 0 to 65535
     */
    public int type() {
        return Bytes.u16(bytes, 4);
    }

    /**
     * nlmsg_flags as built (the socket adds NLM_F_REQUEST, and NLM_F_ACK to non-dump requests).
     *
     * @return nlmsg_flags as built
     */
    public int flags() {
        return Bytes.u16(bytes, 6);
    }

    /**
     * True when NLM_F_DUMP is set: the reply is multipart and ends with NLMSG_DONE.
     *
     * @return true when both bits of NLM_F_DUMP are set
     */
    public boolean isDump() {
        return (flags() & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP;
    }

    /**
     * The definition it was encoded from, or null.
     *
     * @return the definition, or null for {@link #ofBytes(byte[])} and {@link MessageBuilder#raw(int)} messages
     */
    public MessageDef definition() {
        return def;
    }

    /**
     * True for generic netlink framing.
     *
     * @return true when a genlmsghdr follows nlmsghdr
     */
    public boolean isGeneric() {
        return genl;
    }

    /**
     * The message's length in bytes (its nlmsg_len).
     *
     * @return the length in bytes
     */
    public int length() {
        return bytes.length;
    }

    /**
     * A copy of the encoded bytes.
     *
     * @return a copy of the encoded bytes, seq and port as built (0 unless given)
     */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * The bytes as sent: sequence number, port and extra flags stamped in, in a new array.
     *
     * @param seq        nlmsg_seq
     * @param port       nlmsg_pid: the sender's port
     * @param extraFlags added to nlmsg_flags (NLM_F_ACK, NLM_F_ECHO)
     * @return the message's bytes
     */
    public byte[] stamped(int seq, int port, int extraFlags) {
        byte[] b = Arrays.copyOf(bytes, bytes.length);
        Bytes.put16(b, 6, Bytes.u16(b, 6) | extraFlags);
        Bytes.put32(b, 8, seq);
        Bytes.put32(b, 12, port);
        return b;
    }

    byte[] raw() {
        return bytes;
    }

    @Override
    public String toString() {
        return "OutgoingMessage[" + (def != null ? def.name() : "type " + type()) + ", " + bytes.length + " bytes]";
    }
}
