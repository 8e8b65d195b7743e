package io.jnetlink.netfilter;

import java.util.Locale;

/**
 * An entry to create ({@link Conntrack#create}), as {@code conntrack -I} makes one without traffic:
 * {@code ConntrackRequest.of(ConntrackTuple.tcp("10.0.0.1", 40000, "10.0.0.2", 80)).timeout(300).state("ESTABLISHED")}.
 * The reply tuple defaults to the original's inverse; a timeout is required (the kernel refuses an entry without one).
 * A mutable builder, used once.
 */
public final class ConntrackRequest {
    final ConntrackTuple original;
    ConntrackTuple reply;
    Long timeout;
    Long status;
    Integer state;
    Long mark;
    Integer zone;

    private ConntrackRequest(ConntrackTuple original) {
        this.original = original;
    }

    /**
     * A request for an entry whose original direction is {@code original}; a timeout must still be set.
     *
     * @param original the original tuple (checked when the request is sent)
     * @return the request
     * @throws IllegalArgumentException when {@code original} is null
     */
    public static ConntrackRequest of(ConntrackTuple original) {
        if (original == null) {
            throw new IllegalArgumentException("conntrack create: an original tuple is needed");
        }
        return new ConntrackRequest(original);
    }

    /**
     * Sets the reply direction (CTA_TUPLE_REPLY), which differs from the original's inverse for NAT.
     *
     * @param t the reply tuple, of the original's family and protocol; null for the default,
     *          {@link ConntrackTuple#inverse() original.inverse()}
     * @return this request
     */
    public ConntrackRequest reply(ConntrackTuple t) {
        this.reply = t;
        return this;
    }

    /**
     * Sets the seconds until the entry expires (CTA_TIMEOUT); required.
     *
     * @param seconds the timeout, 0 to 4294967295 seconds
     * @return this request
     * @throws IllegalArgumentException when {@code seconds} is outside that range
     */
    public ConntrackRequest timeout(long seconds) {
        if (seconds < 0 || seconds > 0xffffffffL) {
            throw new IllegalArgumentException("timeout " + seconds + " is outside 0..4294967295 seconds");
        }
        this.timeout = seconds;
        return this;
    }

    /**
     * Sets the status bits (CTA_STATUS); IPS_CONFIRMED is added to them when the request is sent, since the kernel
     * refuses a status that would unconfirm the entry.
     *
     * @param bits IPS_* bits (SEEN_REPLY, ASSURED, FIXED_TIMEOUT, ...), within 32 bits
     * @return this request
     * @throws IllegalArgumentException when {@code bits} is negative or wider than 32 bits
     */
    public ConntrackRequest status(long bits) {
        if (bits < 0 || bits > 0xffffffffL) {
            throw new IllegalArgumentException("status 0x" + Long.toHexString(bits) + " is outside 32 bits");
        }
        this.status = bits;
        return this;
    }

    /**
     * Sets the status bits by their names, as {@link #status(long)} does.
     *
     * @param names the kernel's names of the bits, comma-separated, case-insensitive, as {@code conntrack -u} takes
     *              them ("SEEN_REPLY,ASSURED")
     * @return this request
     * @throws IllegalArgumentException naming a word that is not a status bit
     */
    public ConntrackRequest status(String names) {
        return status(parseStatus(names));
    }

    /**
     * Sets the TCP state (CTA_PROTOINFO_TCP_STATE); for TCP entries only, checked when the request is sent.
     *
     * @param name conntrack's name of the state, case-insensitive (SYN_SENT, ESTABLISHED, TIME_WAIT, ...)
     * @return this request
     * @throws IllegalArgumentException when the name is not a TCP state
     */
    public ConntrackRequest state(String name) {
        int i = Ctnetlink.TCP_STATES.indexOf(name.toUpperCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException("state: '" + name + "' is not a TCP state (" + Ctnetlink.TCP_STATES
                    + ")");
        }
        this.state = i;
        return this;
    }

    /**
     * Sets the connection mark (CTA_MARK).
     *
     * @param m the mark, 0 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code m} is outside that range
     */
    public ConntrackRequest mark(long m) {
        if (m < 0 || m > 0xffffffffL) {
            throw new IllegalArgumentException("mark " + m + " is outside 0..4294967295");
        }
        this.mark = m;
        return this;
    }

    /**
     * Sets the zone (CTA_ZONE), for both directions.
     *
     * @param z the zone, 0 to 65535
     * @return this request
     * @throws IllegalArgumentException when {@code z} is outside that range
     */
    public ConntrackRequest zone(int z) {
        if (z < 0 || z > 65535) {
            throw new IllegalArgumentException("zone " + z + " is outside 0..65535");
        }
        this.zone = z;
        return this;
    }

    /** Status bit names ("SEEN_REPLY,ASSURED", case-insensitive) as bits. */
    static long parseStatus(String names) {
        long bits = 0;
        for (String n : names.split(",")) {
            int i = Ctnetlink.STATUS_NAMES.indexOf(n.trim().toUpperCase(Locale.ROOT));
            if (i < 0) {
                throw new IllegalArgumentException("status: '" + n + "' is not a status bit (" + Ctnetlink.STATUS_NAMES
                        + ")");
            }
            bits |= 1L << i;
        }
        return bits;
    }

    /** The reply tuple to send: the one given or the original's inverse. */
    ConntrackTuple resolvedReply() {
        return reply != null ? reply : original.inverse();
    }

    /**
     * Checks everything before anything is sent.
     *
     * @throws IllegalArgumentException naming the argument
     */
    void check() {
        original.check("original tuple");
        ConntrackTuple r = resolvedReply();
        r.check("reply tuple");
        if (r.protocol() != original.protocol() || r.family() != original.family()) {
            throw new IllegalArgumentException("reply tuple: its protocol and family must be the original's");
        }
        if (timeout == null) {
            throw new IllegalArgumentException("conntrack create " + original + ": a timeout is needed");
        }
        if (state != null && original.protocol() != ConntrackTuple.TCP) {
            throw new IllegalArgumentException("state: " + original.protocolName() + " entries have no TCP state");
        }
    }
}
