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
    /** Input/output error. */
    public static final int EIO = 5;
    /** Cannot allocate memory. */
    public static final int ENOMEM = 12;
    /** No data available. */
    public static final int ENODATA = 61;
    /** Message too long. */
    public static final int EMSGSIZE = 90;
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

    /** strerror(3) of glibc for each errno, in the same order as the names. */
    private static final String[] TEXTS = {
            "", "Operation not permitted", "No such file or directory", "No such process",
            "Interrupted system call", "Input/output error", "No such device or address", "Argument list too long",
            "Exec format error", "Bad file descriptor", "No child processes", "Resource temporarily unavailable",
            "Cannot allocate memory", "Permission denied", "Bad address", "Block device required",
            "Device or resource busy", "File exists", "Invalid cross-device link", "No such device",
            "Not a directory", "Is a directory", "Invalid argument", "Too many open files in system",
            "Too many open files", "Inappropriate ioctl for device", "Text file busy", "File too large",
            "No space left on device", "Illegal seek", "Read-only file system", "Too many links",
            "Broken pipe", "Numerical argument out of domain", "Numerical result out of range", "Resource deadlock avoided",
            "File name too long", "No locks available", "Function not implemented", "Directory not empty",
            "Too many levels of symbolic links", "", "No message of desired type", "Identifier removed",
            "Channel number out of range", "Level 2 not synchronized", "Level 3 halted", "Level 3 reset",
            "Link number out of range", "Protocol driver not attached", "No CSI structure available", "Level 2 halted",
            "Invalid exchange", "Invalid request descriptor", "Exchange full", "No anode",
            "Invalid request code", "Invalid slot", "", "Bad font file format",
            "Device not a stream", "No data available", "Timer expired", "Out of streams resources",
            "Machine is not on the network", "Package not installed", "Object is remote", "Link has been severed",
            "Advertise error", "Srmount error", "Communication error on send", "Protocol error",
            "Multihop attempted", "RFS specific error", "Bad message", "Value too large for defined data type",
            "Name not unique on network", "File descriptor in bad state", "Remote address changed", "Can not access a needed shared library",
            "Accessing a corrupted shared library", ".lib section in a.out corrupted", "Attempting to link in too many shared libraries", "Cannot exec a shared library directly",
            "Invalid or incomplete multibyte or wide character", "Interrupted system call should be restarted", "Streams pipe error", "Too many users",
            "Socket operation on non-socket", "Destination address required", "Message too long", "Protocol wrong type for socket",
            "Protocol not available", "Protocol not supported", "Socket type not supported", "Operation not supported",
            "Protocol family not supported", "Address family not supported by protocol", "Address already in use", "Cannot assign requested address",
            "Network is down", "Network is unreachable", "Network dropped connection on reset", "Software caused connection abort",
            "Connection reset by peer", "No buffer space available", "Transport endpoint is already connected", "Transport endpoint is not connected",
            "Cannot send after transport endpoint shutdown", "Too many references: cannot splice", "Connection timed out", "Connection refused",
            "Host is down", "No route to host", "Operation already in progress", "Operation now in progress",
            "Stale file handle", "Structure needs cleaning", "Not a XENIX named type file", "No XENIX semaphores available",
            "Is a named type file", "Remote I/O error", "Disk quota exceeded", "No medium found",
            "Wrong medium type", "Operation canceled", "Required key not available", "Key has expired",
            "Key has been revoked", "Key was rejected by service", "Owner died", "State not recoverable",
            "Operation not possible due to RF-kill", "Memory page has hardware error"
    };

    private Errno() {
    }

    /**
     * The symbolic name of {@code errno} (its sign ignored), or {@code "E<n>"} when it has none.
     *
     * @param errno an errno number, positive or negated as the kernel returns it
     * @return the symbolic name such as {@code "EEXIST"}, or {@code "E<n>"} for a number without one
     */
    public static String name(int errno) {
        long e = Math.abs((long) errno);
        if (e < NAMES.length && !NAMES[(int) e].isEmpty()) {
            return NAMES[(int) e];
        }
        return "E" + e;
    }

    /**
     * What {@code strerror(3)} says of {@code errno} (its sign ignored), or {@code "errno <n>"} when it says nothing.
     *
     * @param errno an errno number, positive or negated as the kernel returns it
     * @return glibc's text for it, such as {@code "File exists"}, or {@code "errno <n>"} for a number without one
     */
    public static String describe(int errno) {
        long e = Math.abs((long) errno);
        if (e < TEXTS.length && !TEXTS[(int) e].isEmpty()) {
            return TEXTS[(int) e];
        }
        return "errno " + e;
    }

    /**
     * The number for a symbolic name such as {@code "EEXIST"}, or -1 when unknown.
     *
     * @param name the symbolic name, upper case as in the headers (not null)
     * @return the positive errno number, or -1 when no errno has that name
     */
    public static int number(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
