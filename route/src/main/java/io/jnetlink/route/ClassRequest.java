package io.jnetlink.route;

/**
 * A class to add, change, replace or delete ({@link TrafficControl#addClass} ...), in {@code tc class}'s terms:
 *
 * <pre>{@code
 * ClassRequest.of("v0", "1:10", TcOptions.htbClass(1_250_000, 2_500_000).burst(15360).prio(2)).parent("1:")
 * ClassRequest.at("v0", "1:10")                                    // for a deletion
 * }</pre>
 *
 * A mutable builder, used once.
 */
public final class ClassRequest extends TcRequest {
    final int classid;
    int parent;

    private ClassRequest(String dev, String classid, TcOptions opts) {
        super(dev, opts);
        this.classid = Tc.parseHandle(classid, "classid");
    }

    /**
     * The class {@code classid} of {@code dev} with the kind and options {@code opts}.
     *
     * @param dev     the device
     * @param classid the class id ("1:10")
     * @param opts    its qdisc's kind and the class options ({@link TcOptions#htbClass})
     * @return the request
     */
    public static ClassRequest of(String dev, String classid, TcOptions opts) {
        if (opts == null) {
            throw new IllegalArgumentException("class: a kind is needed");
        }
        return new ClassRequest(dev, classid, opts);
    }

    /**
     * The class {@code classid} of {@code dev}, without options: for a deletion.
     *
     * @param dev     the device
     * @param classid the class id
     * @return the request
     */
    public static ClassRequest at(String dev, String classid) {
        return new ClassRequest(dev, classid, null);
    }

    /**
     * The parent class or qdisc ("1:", "1:10"; "root" for none).
     *
     * @param p the parent in tc's notation
     * @return this
     */
    public ClassRequest parent(String p) {
        this.parent = Tc.parseHandle(p, "parent");
        return this;
    }

    String describe() {
        StringBuilder sb = new StringBuilder("dev ").append(dev);
        if (parent != 0) {
            sb.append(parent == Tc.TC_H_ROOT ? " root" : " parent " + Tc.formatHandle(parent));
        }
        sb.append(" classid ").append(Tc.formatHandle(classid));
        if (kind != null) {
            sb.append(' ').append(kind);
        }
        return sb.toString();
    }
}
