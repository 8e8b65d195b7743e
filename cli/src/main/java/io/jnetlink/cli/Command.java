package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import java.io.PrintStream;
import java.util.List;

/**
 * One object of {@code jnl}'s command table ({@link Main#COMMANDS}): the names it answers to, its verbs in
 * {@code ip}'s matching order, its usage text and what runs it. Adding an object is one entry in that table.
 *
 * @param names  the object's name first, then other spellings ("neighbour", "neighbor"); a word typed by the
 *               user selects the first entry of the table one of whose names it is a prefix of, as {@code ip}
 *               matches its objects
 * @param verbs  the verbs in the order {@code ip} tries them, each a group of synonyms with the canonical verb
 *               first ("show list lst"); an abbreviation selects the first group holding a word it begins
 *               ("l sh" is link show, "l s" link set, as in ip); "help" is answered by {@link Main}; empty for
 *               an object whose words are not verbs (ethtool DEV)
 * @param usage  the lines of {@code jnl OBJECT help}, "Usage: jnl OBJECT ..." first; its first line is also the
 *               object's line in {@code jnl help}
 * @param runner runs the object's command
 */
record Command(List<String> names, List<String> verbs, String usage, Runner runner) {

    /** What runs a command. */
    @FunctionalInterface
    interface Runner {
        /**
         * Runs the command.
         *
         * @param g    the global options
         * @param args the words after the object
         * @param out  standard output
         * @param err  standard error (for what a command reports while it goes on, e.g. lost events)
         * @return the exit status
         * @throws NetlinkException when the kernel refuses (exit status 1)
         */
        int run(Main.Globals g, List<String> args, PrintStream out, PrintStream err) throws NetlinkException;
    }

    /** The object's name. */
    String name() {
        return names.get(0);
    }

    /** True when the typed {@code word} selects this object: it is a prefix of one of its names. */
    boolean matches(String word) {
        for (String n : names) {
            if (Main.matches(word, n)) {
                return true;
            }
        }
        return false;
    }

    /** Every verb, synonyms included, for completion. */
    List<String> verbWords() {
        return verbs.stream().flatMap(v -> List.of(v.split(" ")).stream()).toList();
    }
}
