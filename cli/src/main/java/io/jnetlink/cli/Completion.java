package io.jnetlink.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code jnl completion bash}: a bash completion script made from the command table, so that it offers exactly the
 * objects, verbs and options {@code jnl} has: options, then objects, then the object's verbs; device names after
 * {@code dev}, {@code master}, {@code link}; namespace names after {@code -n} and {@code netns}.
 */
final class Completion {
    private Completion() {
    }

    static final List<String> VERBS = List.of("bash", "help");

    static final String USAGE = """
            Usage: jnl completion bash
            A bash completion script: source <(./jnl completion bash), or save it under
            /etc/bash_completion.d/jnl.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) {
        String verb = Args.verb(cmd, VERBS, "completion", null);
        if (verb == null) {
            throw new Main.UsageException("completion: the shell is needed (bash)");
        }
        Args.after("completion", verb, cmd).end();
        out.print(bash());
        return 0;
    }

    /** The bash script. */
    static String bash() {
        String objects = Main.COMMANDS.stream().map(Command::name).collect(Collectors.joining(" "));
        StringBuilder verbs = new StringBuilder();
        for (Command c : Main.COMMANDS) {
            if (!c.verbs().isEmpty()) {
                verbs.append("        ").append(c.name()).append(") words='")
                        .append(String.join(" ", c.verbWords())).append("' ;;\n");
            }
        }
        String options = Main.OPTIONS.stream().collect(Collectors.joining(" "));
        return """
                # bash completion for jnl, made by `jnl completion bash` from its command table
                _jnl() {
                    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i=1 object='' n=0 words=''
                    case $prev in
                        -n|-netns|--netns|netns) COMPREPLY=($(compgen -W "$(ls /run/netns 2>/dev/null)" -- "$cur")); return ;;
                        dev|master|link|oif|iif) COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur")); return ;;
                    esac
                    while [ $i -lt $COMP_CWORD ]; do
                        case ${COMP_WORDS[i]} in
                            -n|-netns|--netns) i=$((i + 1)) ;;
                            -*) ;;
                            *) if [ -z "$object" ]; then object=${COMP_WORDS[i]}; else n=$((n + 1)); fi ;;
                        esac
                        i=$((i + 1))
                    done
                    if [ -z "$object" ]; then
                        case $cur in
                            -*) words='%s' ;;
                            *) words='%s help' ;;
                        esac
                    elif [ $n -eq 0 ]; then
                        for o in %s; do
                            case $o in "$object"*) object=$o; break ;; esac
                        done
                        words=help
                        case $object in
                %s        esac
                    fi
                    COMPREPLY=($(compgen -W "$words" -- "$cur"))
                }
                complete -F _jnl jnl ./jnl
                """.formatted(options, objects, objects, verbs);
    }
}
