package io.jnetlink.diag;

import io.jnetlink.diag.SocketFilter.And;
import io.jnetlink.diag.SocketFilter.Host;
import io.jnetlink.diag.SocketFilter.Not;
import io.jnetlink.diag.SocketFilter.Or;
import io.jnetlink.diag.SocketFilter.PortRange;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A recursive-descent reader of ss's filter grammar (iproute2's ssfilter.y) for {@link SocketFilter#parse}. */
final class FilterParser {
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    FilterParser(List<String> words) {
        for (String w : words) {
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (Character.isWhitespace(c) || c == '(' || c == ')') {
                    if (!cur.isEmpty()) {
                        tokens.add(cur.toString());
                        cur.setLength(0);
                    }
                    if (c == '(' || c == ')') {
                        tokens.add(String.valueOf(c));
                    }
                } else {
                    cur.append(c);
                }
            }
            if (!cur.isEmpty()) {
                tokens.add(cur.toString());
            }
        }
    }

    SocketFilter parseAll() {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("filter: the expression is empty");
        }
        SocketFilter f = or();
        if (pos < tokens.size()) {
            throw new IllegalArgumentException("filter: unexpected '" + tokens.get(pos) + "'");
        }
        return f;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next(String what) {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("filter: " + what + " is missing at the end");
        }
        return tokens.get(pos++);
    }

    private SocketFilter or() {
        SocketFilter f = and();
        while (peek() != null && List.of("or", "||", "|").contains(peek())) {
            pos++;
            f = new Or(f, and());
        }
        return f;
    }

    private SocketFilter and() {
        SocketFilter f = unary();
        while (peek() != null && !peek().equals(")") && !List.of("or", "||", "|").contains(peek())) {
            if (List.of("and", "&&", "&").contains(peek())) {
                pos++;
            }
            f = new And(f, unary());
        }
        return f;
    }

    private SocketFilter unary() {
        String t = next("a condition");
        switch (t) {
            case "not", "!" -> {
                return new Not(unary());
            }
            case "(" -> {
                SocketFilter f = or();
                if (!")".equals(next("')'"))) {
                    throw new IllegalArgumentException("filter: ')' expected");
                }
                return f;
            }
            case "sport", "dport" -> {
                return port(t.equals("sport"));
            }
            case "src", "dst" -> {
                boolean source = t.equals("src");
                String w = next("the address after " + t);
                boolean negate = false;
                if (List.of("=", "==", "eq").contains(w)) {
                    w = next("the address after " + t);
                } else if (List.of("!=", "ne", "neq").contains(w)) {
                    negate = true;
                    w = next("the address after " + t);
                }
                SocketFilter h = hostcond(source, w);
                return negate ? new Not(h) : h;
            }
            default -> throw new IllegalArgumentException("filter: unknown word '" + t
                    + "' (supported: sport, dport, src, dst, and, or, not, parentheses)");
        }
    }

    private SocketFilter port(boolean source) {
        String name = source ? "sport" : "dport";
        String op = next("the operator after " + name);
        int port = portNumber(next("the port after " + name + " " + op));
        return switch (op) {
            case "=", "==", "eq" -> new Host(source, null, 0, port);
            case "!=", "ne", "neq" -> new Not(new Host(source, null, 0, port));
            case ">=", "ge", "geq" -> new PortRange(source, true, port);
            case "<=", "le", "leq" -> new PortRange(source, false, port);
            case ">", "gt" -> new Not(new PortRange(source, false, port));
            case "<", "lt" -> new Not(new PortRange(source, true, port));
            default -> throw new IllegalArgumentException("filter: '" + op + "' after " + name
                    + " is not a comparison (= != >= <= > <)");
        };
    }

    private static int portNumber(String w) {
        String p = w.startsWith(":") ? w.substring(1) : w;
        try {
            int n = Integer.parseInt(p);
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("filter: port '" + w + "' is not a number of 0..65535");
    }

    /** {@code ADDR[/LEN][:PORT]}, {@code [V6][/LEN][:PORT]}, {@code V6[/LEN]}, {@code :PORT}, {@code *[:PORT]}. */
    static SocketFilter hostcond(boolean source, String w) {
        if (w == null || w.isEmpty()) {
            throw new IllegalArgumentException("filter: an empty address");
        }
        String addr = w;
        String port = null;
        if (w.startsWith("[")) {
            int close = w.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("filter: '" + w + "' has no closing ']'");
            }
            String rest = w.substring(close + 1);
            addr = w.substring(1, close);
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                port = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            addr += rest;
        } else if (w.indexOf(':') == w.lastIndexOf(':')) {
            int colon = w.indexOf(':');
            if (colon >= 0) {
                port = w.substring(colon + 1);
                addr = w.substring(0, colon);
            }
        }
        int p = port == null || port.equals("*") ? -1 : portNumber(port);
        if (addr.isEmpty() || addr.equals("*")) {
            if (p == -1) {
                throw new IllegalArgumentException("filter: '" + w + "' names neither an address nor a port");
            }
            return new Host(source, null, 0, p);
        }
        String a = addr;
        int len = -1;
        int slash = addr.indexOf('/');
        if (slash >= 0) {
            a = addr.substring(0, slash);
            try {
                len = Integer.parseInt(addr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("filter: prefix length in '" + w + "' is not a number");
            }
        }
        InetAddress ia = literal(a, w);
        int max = ia instanceof Inet4Address ? 32 : 128;
        if (len > max) {
            throw new IllegalArgumentException("filter: prefix length " + len + " of '" + w + "' is above " + max);
        }
        return new Host(source, ia, len < 0 ? max : len, p);
    }

    /** An address literal only: never a name lookup. */
    private static InetAddress literal(String a, String w) {
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("filter: '" + w + "' is not an IPv4 or IPv6 address (names are not"
                    + " resolved)");
        }
        try {
            InetAddress ia = InetAddress.getByName(a);
            if (v4) {
                for (String part : a.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        throw new UnknownHostException(a);
                    }
                }
            }
            return ia;
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("filter: '" + w + "' is not a valid address");
        }
    }
}
