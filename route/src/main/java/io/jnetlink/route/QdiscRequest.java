package io.jnetlink.route;

/**
 * A qdisc to add, change, replace or delete ({@link TrafficControl#addQdisc} ...), in {@code tc qdisc}'s terms:
 *
 * <pre>{@code
 * QdiscRequest.of("v0", TcOptions.htb().defaultClass(0x10)).handle("1:")          // root by default
 * QdiscRequest.of("v0", TcOptions.fqCodel().limit(1000).target(5000)).parent("1:10")
 * QdiscRequest.of("v0", TcOptions.netem().delay(100_000, 10_000, 25).loss(1))
 * QdiscRequest.ingress("v0")     QdiscRequest.clsact("v0")
 * QdiscRequest.at("v0").parent("1:10")                                             // for a deletion
 * }</pre>
 *
 * A mutable builder, used once; bad values are {@link IllegalArgumentException}s naming the argument.
 */
public final class QdiscRequest extends TcRequest {
    int parent = Tc.TC_H_ROOT;
    int handle;

    private QdiscRequest(String dev, TcOptions opts) {
        super(dev, opts);
    }

    /**
     * A qdisc of the kind and options {@code opts} on {@code dev}, at the root unless {@link #parent} says.
     *
     * @param dev  the device
     * @param opts the kind and its options ({@link TcOptions})
     * @return the request
     */
    public static QdiscRequest of(String dev, TcOptions opts) {
        if (opts == null) {
            throw new IllegalArgumentException("qdisc: a kind is needed");
        }
        return new QdiscRequest(dev, opts);
    }

    /**
     * The qdisc at a place of {@code dev}, without a kind: for a deletion.
     *
     * @param dev the device
     * @return the request
     */
    public static QdiscRequest at(String dev) {
        return new QdiscRequest(dev, null);
    }

    /**
     * The ingress qdisc (parent ffff:fff1, handle ffff:).
     *
     * @param dev the device
     * @return the request
     */
    public static QdiscRequest ingress(String dev) {
        return of(dev, TcOptions.none("ingress")).parent("ingress").handle("ffff:");
    }

    /**
     * The clsact qdisc (parent ffff:fff1, handle ffff:): ingress and egress filter hooks.
     *
     * @param dev the device
     * @return the request
     */
    public static QdiscRequest clsact(String dev) {
        return of(dev, TcOptions.none("clsact")).parent("clsact").handle("ffff:");
    }

    /**
     * The parent: "root" (the default), "ingress", or a class ("1:10").
     *
     * @param p the parent in tc's notation
     * @return this
     */
    public QdiscRequest parent(String p) {
        this.parent = Tc.parseHandle(p, "parent");
        return this;
    }

    /**
     * The handle ("1:"); without one the kernel picks one (for add) or the parent's qdisc is meant.
     *
     * @param h the handle in tc's notation
     * @return this
     */
    public QdiscRequest handle(String h) {
        this.handle = Tc.parseQdiscHandle(h);
        return this;
    }

    /** The operation's words for errors: "dev v0 root htb". */
    String describe() {
        String where = parent == Tc.TC_H_ROOT ? "root" : parent == Tc.TC_H_INGRESS && handle == 0xFFFF0000
                ? (kind == null ? "ingress" : "") : "parent " + Tc.formatHandle(parent);
        StringBuilder sb = new StringBuilder("dev ").append(dev);
        if (!where.isEmpty()) {
            sb.append(' ').append(where);
        }
        if (handle != 0 && parent != Tc.TC_H_INGRESS) {
            sb.append(" handle ").append(Tc.formatHandle(handle));
        }
        if (kind != null) {
            sb.append(' ').append(kind);
        }
        return sb.toString();
    }
}
