package io.jnetlink.cli;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.socket.NetlinkSocketSpec;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Rtnl;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code jnl [OPTIONS] OBJECT {COMMAND | help}}: the command line. Objects, verbs and options are matched by
 * {@code ip}'s prefix rules. Exit status 0 on success, 1 when the kernel refused, 2 for a usage error; errors
 * are one line on stderr.
 */
public final class Main {
    private Main() {
    }

    /**
     * The options before the object.
     *
     * @param netns   the network namespace to work in (a name under /run/netns, or a path), or null
     * @param json    {@code -j}: JSON output
     * @param family  {@code -4}/{@code -6}: AF_INET or AF_INET6, else AF_UNSPEC
     * @param stats   {@code -s}: how many times it was given (statistics, more with two)
     * @param details {@code -d}: details
     * @param oneline {@code -o}: each object on one line, its line breaks written as '\'
     * @param brief   {@code -br}: ip's brief, tabular output
     */
    record Globals(String netns, boolean json, int family, int stats, boolean details, boolean oneline,
                   boolean brief) {
        /** A socket spec for {@code family} in the chosen namespace (never creating one). */
        NetlinkSocketSpec spec(int family) {
            NetlinkSocketSpec.Builder b = NetlinkSocketSpec.builder().family(family);
            if (netns != null) {
                b.netns(netns).flags(0);
            }
            return b.build();
        }

        /** An rtnetlink socket in the chosen namespace. */
        IPRoute ipRoute() throws NetlinkException {
            return new IPRoute(spec(Netlink.NETLINK_ROUTE));
        }

        /** Prints the objects of a show command: a JSON array on one line, or each object's text. */
        void show(PrintStream out, List<Map<String, Object>> objects, Function<Map<String, Object>, String> text) {
            Printer p = printer(out, text);
            objects.forEach(p::print);
            p.end();
        }

        /** A printer for a show command whose objects come one by one (a dump of any size). */
        Printer printer(PrintStream out, Function<Map<String, Object>, String> text) {
            return new Printer(out, json, oneline, text);
        }
    }

    /**
     * Writes a show command's objects as they come: one JSON array, or each object's text (one line with -o). JSON
     * is written as bytes into a buffer that goes to the stream every 32 KiB; {@link #flush()} writes out the rest.
     * After {@link #background(int)}, the objects given as fields are formatted on a second thread, in batches, while
     * the caller goes on receiving the next ones.
     */
    static final class Printer {
        /**
         * Fields that can also write themselves: in JSON, the printer has them write the object's keys and values
         * (between the braces it writes) instead of putting them one by one.
         *
         * @param <T> the object's type
         */
        interface Direct<T> extends BiConsumer<T, IpView.Sink> {
            /** Writes the keys and values of {@code object} as {@link #accept} puts them, as JSON. */
            void write(T object, Json out);
        }

        private static final int CHUNK = 1 << 15;
        private static final int BATCH = 256;
        private static final Object[] END = new Object[0];
        private final PrintStream out;
        private final boolean json;
        private final boolean oneline;
        private final Function<Map<String, Object>, String> text;
        private final Json buf;
        private final IpView.Sink keys;
        private int mark;
        private int count;
        private ArrayBlockingQueue<Object[]> queue;
        private Thread worker;
        private Object[] batch;
        private int batched;
        private volatile Throwable failure;

        Printer(PrintStream out, boolean json, boolean oneline, Function<Map<String, Object>, String> text) {
            this.out = out;
            this.json = json;
            this.oneline = oneline;
            this.text = text;
            this.buf = json ? new Json(2 * CHUNK) : null;
            this.keys = (k, v) -> buf.key(mark, k).value(v);
        }

        /** Prints one object. */
        void print(Map<String, Object> object) {
            if (json) {
                buf.raw(count == 0 ? '[' : ',').value(object);
                next();
            } else {
                String t = text.apply(object);
                out.print(oneline ? t.replace("\n", "\\") : t);
                out.print('\n');
                count++;
            }
        }

        /**
         * Prints {@code object}, whose keys {@code fields} puts: as JSON without building a map (a dump of any size
         * passes here once per object), or as text from the map they make. {@code fields} is best made once, not
         * per object: a lambda made per object costs a runtime call each in a C1-only JVM.
         *
         * @param <T> the object's type
         */
        <T> void print(T object, BiConsumer<? super T, IpView.Sink> fields) {
            if (worker != null) {
                batch[batched++] = object;
                batch[batched++] = fields;
                if (batched == batch.length) {
                    handOff(batch);
                    batch = new Object[2 * BATCH];
                    batched = 0;
                }
                return;
            }
            format(object, fields);
        }

        /**
         * From now until {@link #flush()}, formats the objects given to {@link #print(Object, BiConsumer)} on a second
         * thread (what {@code fields} reads must be safe to read there); {@code fields} is then called on that thread.
         *
         * @param batches how many batches of {@value #BATCH} objects may wait: enough that the caller goes on while
         *                the printer's first batches run interpreted, few enough that the objects waiting do not
         *                slow every young collection (which copies them)
         * @return this printer
         */
        Printer background(int batches) {
            queue = new ArrayBlockingQueue<>(batches);
            batch = new Object[2 * BATCH];
            worker = new Thread(this::work, "jnl-printer");
            worker.setDaemon(true);
            worker.start();
            return this;
        }

        /**
         * The second thread: formats each batch until the end mark. After a failure, and on an interrupt, it goes on
         * taking batches (and drops them) until the end mark, so that the receiving thread never blocks on a full
         * queue; the first failure comes back from {@link #flush()}.
         */
        @SuppressWarnings("unchecked")
        private void work() {
            for (;;) {
                Object[] b;
                try {
                    b = queue.take();
                } catch (InterruptedException e) {
                    if (failure == null) {
                        failure = new IllegalStateException("the printer thread was interrupted");
                    }
                    continue;
                }
                if (b == END) {
                    return;
                }
                for (int i = 0; i < b.length && b[i + 1] != null && failure == null; i += 2) {
                    try {
                        format(b[i], (BiConsumer<Object, IpView.Sink>) b[i + 1]);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
            }
        }

        private void handOff(Object[] b) {
            try {
                while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    if (!worker.isAlive()) { // cannot happen while work() catches everything; never wait forever
                        throw new IllegalStateException("the printer thread has ended", failure);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while printing", e);
            }
        }

        @SuppressWarnings("unchecked")
        private <T> void format(T object, BiConsumer<? super T, IpView.Sink> fields) {
            if (!json) {
                Map<String, Object> m = new LinkedHashMap<>();
                fields.accept(object, m::put);
                print(m);
                return;
            }
            int start = buf.length();
            buf.raw(count == 0 ? '[' : ',').raw('{');
            mark = buf.length();
            try {
                if (fields instanceof Direct<?> d) {
                    ((Direct<? super T>) d).write(object, buf);
                } else {
                    fields.accept(object, keys);
                }
            } catch (Throwable t) {
                buf.truncate(start); // no half object before the error
                throw t;
            }
            buf.raw('}');
            next();
        }

        private void next() {
            count++;
            if (buf.length() >= CHUNK) {
                buf.drainTo(out);
            }
        }

        /**
         * Writes out what is buffered, as far as it goes (before an error, say); after {@link #background(int)}, first
         * waits until the second thread has formatted every object given, and ends it.
         */
        void flush() {
            if (worker != null) {
                if (batched > 0) {
                    handOff(batch);
                }
                handOff(END);
                boolean interrupted = false;
                while (worker.isAlive()) {
                    try {
                        worker.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                worker = null;
                batch = null;
                batched = 0;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (json) {
                buf.drainTo(out);
            }
            Throwable f = failure;
            failure = null;
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException("printing failed", f);
            }
        }

        /** Ends the output (closes the JSON array) and writes it out. */
        void end() {
            flush();
            if (json) {
                if (count == 0) {
                    buf.raw('[');
                }
                buf.raw(']').raw('\n');
                buf.drainTo(out);
            }
        }
    }

    /** A usage error: exit status 2, one line with a hint to the object's help. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * The objects, in the order their names are matched ({@code ip}'s order for the objects it has: "a" is
     * address, "r" route, "ru" rule, "n" neighbour, "l" link). Another object is one more entry.
     */
    static final List<Command> COMMANDS = List.of(
            new Command(List.of("address"), AddressCommand.VERBS, AddressCommand.USAGE, AddressCommand::run),
            new Command(List.of("route"), RouteCommand.VERBS, RouteCommand.USAGE, RouteCommand::run),
            new Command(List.of("rule"), RuleCommand.VERBS, RuleCommand.USAGE, RuleCommand::run),
            new Command(List.of("neighbour", "neighbor"), NeighbourCommand.VERBS, NeighbourCommand.USAGE,
                    NeighbourCommand::run),
            new Command(List.of("link"), LinkCommand.VERBS, LinkCommand.USAGE, LinkCommand::run),
            new Command(List.of("tuntap"), LinkCommand.TUNTAP_VERBS, LinkCommand.TUNTAP_USAGE, LinkCommand::tuntap),
            new Command(List.of("monitor"), List.of(), MonitorCommand.USAGE, MonitorCommand::run),
            new Command(List.of("netns"), NetnsCommand.VERBS, NetnsCommand.USAGE, NetnsCommand::run),
            new Command(List.of("genl"), GenlCommands.VERBS, GenlCommands.USAGE, GenlCommands::run),
            new Command(List.of("taskstats"), List.of(), TaskstatsCommand.USAGE, TaskstatsCommand::run),
            new Command(List.of("ethtool"), List.of(), EthtoolCommand.USAGE, EthtoolCommand::run),
            new Command(List.of("nexthop", "nh"), NexthopCommand.VERBS, NexthopCommand.USAGE, NexthopCommand::run),
            new Command(List.of("ynl"), List.of(), YnlCommand.USAGE, YnlCommand::run),
            new Command(List.of("bridge"), BridgeCommand.VERBS, BridgeCommand.USAGE, BridgeCommand::run),
            new Command(List.of("ss"), List.of(), SsCommand.USAGE, SsCommand::run),
            new Command(List.of("qdisc"), TcCommand.VERBS, TcCommand.QDISC_USAGE, TcCommand::runQdisc),
            new Command(List.of("class"), TcCommand.VERBS, TcCommand.CLASS_USAGE, TcCommand::runClass),
            new Command(List.of("filter"), TcCommand.VERBS, TcCommand.FILTER_USAGE, TcCommand::runFilter),
            new Command(List.of("conntrack", "ct"), List.of(), ConntrackCommand.USAGE, ConntrackCommand::run),
            new Command(List.of("completion"), Completion.VERBS, Completion.USAGE, Completion::run));

    /** The options, in the order they are matched ("-s" is -stats, "-b" -brief, "-h" -help). */
    static final List<String> OPTIONS = List.of("-netns", "-json", "-stats", "-statistics", "-details", "-oneline",
            "-brief", "-help", "-4", "-6");

    /**
     * {@code ip}'s matches(): true when {@code word} is a prefix of {@code full} (the empty word included).
     *
     * @param word what was typed
     * @param full the name it may abbreviate
     * @return whether it does
     */
    static boolean matches(String word, String full) {
        return full.startsWith(word);
    }

    /** The lines of {@code jnl help}. */
    static String overview() {
        StringBuilder sb = new StringBuilder("""
                Usage: jnl [ OPTIONS ] OBJECT { COMMAND | help }
                       jnl help [ OBJECT ]
                where  OPTIONS := { -n[etns] NAME | -j[son] | -4 | -6 | -s[tatistics] | -d[etails] | -o[neline] |
                                    -br[ief] | -h[elp] }
                       OBJECT := {""");
        for (int i = 0; i < COMMANDS.size(); i++) {
            sb.append(i == 0 ? " " : " | ").append(COMMANDS.get(i).name());
        }
        sb.append(" }\nObjects and commands are matched by their first letters, as ip matches them (jnl r s, jnl a).\n"
                + "Each object:\n");
        for (Command c : COMMANDS) {
            sb.append("  ").append(c.usage().lines().findFirst().orElse("").replaceFirst("^Usage: ", "")).append('\n');
        }
        return sb.toString();
    }

    /**
     * Entry point: runs the command line with buffered standard output and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int status = run(args, out, System.err);
        out.flush();
        System.err.flush();
        // nothing is left to run: no shutdown hooks, and no logging set up just to record the exit
        Runtime.getRuntime().halt(status);
    }

    /** Runs a command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Command command = null;
        try {
            String netns = null;
            boolean json = false;
            int family = Rtnl.AF_UNSPEC;
            int stats = 0;
            boolean details = false;
            boolean oneline = false;
            boolean brief = false;
            int i = 0;
            for (; i < args.length; i++) {
                String opt = args[i];
                if (opt.equals("--")) {
                    i++;
                    break;
                }
                if (!opt.startsWith("-")) {
                    break;
                }
                if (opt.startsWith("--")) {
                    opt = opt.substring(1);
                }
                switch (option(opt)) {
                    case "-netns" -> {
                        if (i + 1 >= args.length) {
                            throw new UsageException("option " + args[i] + " needs a namespace name");
                        }
                        netns = args[++i];
                    }
                    case "-json" -> json = true;
                    case "-stats", "-statistics" -> stats++;
                    case "-details" -> details = true;
                    case "-oneline" -> oneline = true;
                    case "-brief" -> brief = true;
                    case "-4" -> family = Rtnl.AF_INET;
                    case "-6" -> family = Rtnl.AF_INET6;
                    case "-help" -> {
                        out.print(overview());
                        return 0;
                    }
                    default -> throw new UsageException("option '" + args[i] + "' is unknown");
                }
            }
            if (i >= args.length) {
                throw new UsageException("no object given");
            }
            String word = args[i];
            List<String> rest = List.of(args).subList(i + 1, args.length);
            command = find(word);
            if (command == null) {
                if (matches(word, "help")) {
                    return help(rest, out);
                }
                throw new UsageException("object '" + word + "' is unknown");
            }
            if (!rest.isEmpty() && isHelp(command, rest.get(0))) {
                out.print(command.usage());
                return 0;
            }
            Globals g = new Globals(netns, json, family, stats, details, oneline, brief);
            return command.runner().run(g, rest, out, err);
        } catch (UsageException e) {
            err.println("jnl: " + e.getMessage() + " (try \"jnl " + (command == null ? "" : command.name() + " ")
                    + "help\")");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("jnl: " + e.getMessage());
            return 2;
        } catch (NetlinkException e) {
            err.println("jnl: " + e.getMessage());
            return 1;
        }
    }

    /** The option {@code opt} abbreviates (with one leading dash), or "" for none. */
    private static String option(String opt) {
        if (opt.equals("-4") || opt.equals("-6")) {
            return opt;
        }
        for (String o : OPTIONS) {
            if (!o.equals("-4") && !o.equals("-6") && matches(opt, o)) {
                return o;
            }
        }
        return "";
    }

    /** The first object of the table that {@code word} selects, or null. */
    static Command find(String word) {
        for (Command c : COMMANDS) {
            if (c.matches(word)) {
                return c;
            }
        }
        return null;
    }

    /** True when {@code word}, the first after the object, asks for its help rather than naming a verb. */
    private static boolean isHelp(Command c, String word) {
        if (word.equals("-h") || word.equals("-help") || word.equals("--help")) {
            return true;
        }
        if (c.verbs().isEmpty()) {
            return word.equals("help");
        }
        return "help".equals(Args.verb(List.of(word), c.verbs(), null, null));
    }

    /** {@code jnl help [OBJECT]}. */
    private static int help(List<String> rest, PrintStream out) {
        if (rest.isEmpty()) {
            out.print(overview());
            return 0;
        }
        Command c = find(rest.get(0));
        if (c == null) {
            throw new UsageException("object '" + rest.get(0) + "' is unknown");
        }
        out.print(c.usage());
        return 0;
    }
}
