/*
 * A stand-in kernel for tc's traffic-control messages, loaded into tc with LD_PRELOAD by the cli tests, so that
 * tc can be the oracle for the qdisc, classifier and action kinds this kernel is built without:
 *  - every traffic-control request tc sends (types 36..46) is appended to $TCFAKE_LOG (raw netlink bytes);
 *  - a change (new/del qdisc, class, filter) is answered with an ACK instead of reaching the kernel;
 *  - a dump (get with NLM_F_DUMP) is answered with the messages in $TCFAKE_REPLY (raw netlink messages, as
 *    the kernel would send them), each given the request's sequence number, then NLMSG_DONE.
 * Everything else (link lookups) goes to the real kernel.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

static char pending[1 << 20];
static size_t pending_len;
static int pending_fd = -1;

static void queue(const void *p, size_t n) {
    if (pending_len + n <= sizeof(pending)) {
        memcpy(pending + pending_len, p, n);
        pending_len += n;
    }
}

static void reply_to(int fd, const struct nlmsghdr *req) {
    struct sockaddr_nl self;
    socklen_t sl = sizeof(self);
    memset(&self, 0, sizeof(self));
    getsockname(fd, (struct sockaddr *)&self, &sl);
    pending_fd = fd;
    if (req->nlmsg_type % 4 == 2 && (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP) { /* a get: 38, 42, 46 */
        const char *path = getenv("TCFAKE_REPLY");
        FILE *f = path ? fopen(path, "rb") : NULL;
        if (f) {
            char buf[65536];
            size_t n = fread(buf, 1, sizeof(buf), f);
            fclose(f);
            for (size_t off = 0; off + sizeof(struct nlmsghdr) <= n;) {
                struct nlmsghdr *m = (struct nlmsghdr *)(buf + off);
                if (m->nlmsg_len < sizeof(*m) || off + m->nlmsg_len > n) {
                    break;
                }
                m->nlmsg_seq = req->nlmsg_seq;
                m->nlmsg_pid = self.nl_pid;
                m->nlmsg_flags |= NLM_F_MULTI;
                queue(m, NLMSG_ALIGN(m->nlmsg_len));
                off += NLMSG_ALIGN(m->nlmsg_len);
            }
        }
        struct { struct nlmsghdr h; int err; } done = {{sizeof(done), NLMSG_DONE, NLM_F_MULTI, req->nlmsg_seq, self.nl_pid}, 0};
        queue(&done, sizeof(done));
    } else {
        struct { struct nlmsghdr h; struct nlmsgerr e; } ack;
        memset(&ack, 0, sizeof(ack));
        ack.h.nlmsg_len = sizeof(ack);
        ack.h.nlmsg_type = NLMSG_ERROR;
        ack.h.nlmsg_flags = NLM_F_CAPPED;
        ack.h.nlmsg_seq = req->nlmsg_seq;
        ack.h.nlmsg_pid = self.nl_pid;
        ack.e.error = 0;
        ack.e.msg = *req;
        queue(&ack, sizeof(ack));
    }
}

/* True when the message is traffic control's: logged and answered here. */
static int intercept(int fd, const void *buf, size_t len) {
    const struct nlmsghdr *h = buf;
    if (len < sizeof(*h) || h->nlmsg_type < 36 || h->nlmsg_type > 46) {
        return 0;
    }
    const char *log = getenv("TCFAKE_LOG");
    if (log) {
        FILE *f = fopen(log, "ab");
        if (f) {
            fwrite(buf, 1, h->nlmsg_len < len ? h->nlmsg_len : len, f);
            fclose(f);
        }
    }
    reply_to(fd, h);
    return 1;
}

static size_t flatten(const struct msghdr *msg, char *out, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; i < msg->msg_iovlen; i++) {
        size_t l = msg->msg_iov[i].iov_len;
        if (n + l > cap) {
            l = cap - n;
        }
        memcpy(out + n, msg->msg_iov[i].iov_base, l);
        n += l;
    }
    return n;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
    static ssize_t (*real)(int, const struct msghdr *, int);
    if (!real) {
        real = dlsym(RTLD_NEXT, "sendmsg");
    }
    static char buf[1 << 16];
    size_t n = flatten(msg, buf, sizeof(buf));
    if (intercept(fd, buf, n)) {
        return (ssize_t)n;
    }
    return real(fd, msg, flags);
}

ssize_t send(int fd, const void *buf, size_t len, int flags) {
    static ssize_t (*real)(int, const void *, size_t, int);
    if (!real) {
        real = dlsym(RTLD_NEXT, "send");
    }
    if (intercept(fd, buf, len)) {
        return (ssize_t)len;
    }
    return real(fd, buf, len, flags);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen) {
    static ssize_t (*real)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
    if (!real) {
        real = dlsym(RTLD_NEXT, "sendto");
    }
    if (intercept(fd, buf, len)) {
        return (ssize_t)len;
    }
    return real(fd, buf, len, flags, to, tolen);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags) {
    static ssize_t (*real)(int, struct msghdr *, int);
    if (!real) {
        real = dlsym(RTLD_NEXT, "recvmsg");
    }
    if (fd != pending_fd || pending_len == 0) {
        return real(fd, msg, flags);
    }
    /* one datagram: everything queued */
    size_t n = 0;
    for (size_t i = 0; i < msg->msg_iovlen && n < pending_len; i++) {
        size_t l = pending_len - n < msg->msg_iov[i].iov_len ? pending_len - n : msg->msg_iov[i].iov_len;
        memcpy(msg->msg_iov[i].iov_base, pending + n, l);
        n += l;
    }
    size_t total = pending_len;
    if (msg->msg_name && msg->msg_namelen >= sizeof(struct sockaddr_nl)) {
        struct sockaddr_nl *sa = msg->msg_name;
        memset(sa, 0, sizeof(*sa));
        sa->nl_family = AF_NETLINK;
        msg->msg_namelen = sizeof(*sa);
    }
    msg->msg_flags = n < total ? MSG_TRUNC : 0;
    if (!(flags & MSG_PEEK)) {
        pending_len = 0;
    }
    return (flags & MSG_TRUNC) ? (ssize_t)total : (ssize_t)n;
}
