package io.jnetlink.cli;

import java.util.List;

/**
 * The words of a command after its verb, read one by one as {@code ip} reads them ("dev v0 mtu 1400 up").
 * Missing or malformed values are usage errors naming the command.
 */
final class Args {
    private final String command;
    private final List<String> words;
    private int pos;

    Args(String command, List<String> words) {
        this.command = command;
        this.words = words;
    }

    /**
     * The verb that the first of {@code cmd} names, by {@code ip}'s rules: the first group of {@code verbs} (each
     * "canonical synonym...", in ip's order) holding a word it is a prefix of.
     *
     * @param cmd    the words after the object
     * @param verbs  the object's verb groups
     * @param object the object's name, for the usage error of an unknown verb; null to return null instead
     * @param dflt   the verb when {@code cmd} is empty
     * @return the canonical verb
     */
    static String verb(List<String> cmd, List<String> verbs, String object, String dflt) {
        if (cmd.isEmpty()) {
            return dflt;
        }
        String w = cmd.get(0);
        for (String group : verbs) {
            for (String v : group.split(" ")) {
                if (Main.matches(w, v)) {
                    return group.split(" ")[0];
                }
            }
        }
        if (object == null) {
            return null;
        }
        throw new Main.UsageException("unknown " + object + " command '" + w + "'");
    }

    /** The words after the verb of {@code cmd}, for the command {@code "OBJECT VERB"}. */
    static Args after(String object, String verb, List<String> cmd) {
        return new Args(object + " " + verb, cmd.isEmpty() ? List.of() : cmd.subList(1, cmd.size()));
    }

    /** The command these words are for ("link set"), for messages. */
    String command() {
        return command;
    }

    boolean more() {
        return pos < words.size();
    }

    /** The words not read yet. */
    List<String> rest() {
        List<String> r = words.subList(pos, words.size());
        pos = words.size();
        return r;
    }

    /** The next word, without reading it; null at the end. */
    String peek() {
        return more() ? words.get(pos) : null;
    }

    /** The next word. */
    String next() {
        if (!more()) {
            throw new Main.UsageException(command + ": an argument is missing");
        }
        return words.get(pos++);
    }

    /** The value of option {@code option}, which was just read. */
    String value(String option) {
        if (!more()) {
            throw new Main.UsageException(command + ": '" + option + "' needs a value");
        }
        return words.get(pos++);
    }

    /** The value of {@code option} as a non-negative number (decimal, or hex with 0x). */
    long number(String option) {
        return parse(option, value(option));
    }

    /** {@code v}, the value of {@code option}, as a non-negative number (decimal, or hex with 0x). */
    long parse(String option, String v) {
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Main.UsageException(command + ": " + option + " '" + v + "' is not a number");
    }

    /** The value of {@code option} as an int of 0 to {@code max}. */
    int integer(String option, int max) {
        long n = number(option);
        if (n > max) {
            throw new Main.UsageException(command + ": " + option + " " + n + " is above " + max);
        }
        return (int) n;
    }

    /** True when the next word starts with a digit (an optional numeric value follows). */
    boolean peekNumber() {
        return more() && !words.get(pos).isEmpty() && Character.isDigit(words.get(pos).charAt(0));
    }

    /** True when the next word is {@code w}. */
    boolean peekIs(String w) {
        return more() && words.get(pos).equals(w);
    }

    /** A usage error for the word just read. */
    Main.UsageException unknown(String word) {
        return new Main.UsageException(command + ": unknown argument '" + word + "'");
    }

    /** Fails unless every word was read. */
    void end() {
        if (more()) {
            throw unknown(words.get(pos));
        }
    }

    /** The one device name of {@code show [dev] NAME}, or null when none is given. */
    String optionalDevice() {
        String dev = null;
        while (more()) {
            String w = next();
            if (w.equals("dev")) {
                dev = value(w);
            } else if (dev == null && !w.startsWith("-")) {
                dev = w;
            } else {
                throw unknown(w);
            }
        }
        return dev;
    }
}
