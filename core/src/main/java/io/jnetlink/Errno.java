package io.jnetlink;

/**
 * Linux errno numbers and their symbolic names ({@code EEXIST}, {@code EPERM}, ...), as the kernel's
 * uapi headers define them (asm-generic/errno-base.h and errno.h).
 */
public final class Errno {

    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Resource temporarily unavailable (would block). */
    public static final int EAGAIN = 11;
    /** No buffer space available: for netlink, broadcast messages were dropped. */
    public static final int ENOBUFS = 105;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** No such file or directory (and, for generic netlink, no such family). */
    public static final int ENOENT = 2;
    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** File exists. */
    public static final int EEXIST = 17;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Result too large (also a policy range error). */
    public static final int ERANGE = 34;
    /** Operation not supported. */
    public static final int EOPNOTSUPP = 95;
    /** No such process (rtnetlink: no such route). */
    public static final int ESRCH = 3;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** Cannot assign requested address (rtnetlink: no such address). */
    public static final int EADDRNOTAVAIL = 99;
    /** Network is unreachable. */
    public static final int ENETUNREACH = 101;
    /** Timer expired: what a timed-out request reports. */
    public static final int ETIMEDOUT = 110;

    private static final String[] NAMES = {
            "", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
            "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK",
            "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE",
            "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK",
            "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
            "ELOOP", "", "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST",
            "ELNRNG", "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO",
            "EBADRQC", "EBADSLT", "", "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR",
            "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO",
            "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC",
            "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS",
            "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP",
            "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED",
            "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED",
            "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL",
            "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED",
            "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON"
    };

    private Errno() {
    }

    /** The symbolic name of {@code errno} (a positive number), or {@code "E<n>"} when it has none. */
    public static String name(int errno) {
        int e = Math.abs(errno);
        if (e < NAMES.length && !NAMES[e].isEmpty()) {
            return NAMES[e];
        }
        return "E" + e;
    }

    /** The number for a symbolic name such as {@code "EEXIST"}, or -1 when unknown. */
    public static int number(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
