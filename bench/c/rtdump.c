/*
 * rtdump: the C floor for jnetlink's raw dump benchmark (bench/run-rawdump.sh).
 *
 * Opens one NETLINK_ROUTE socket in the current network namespace (run it with
 * `ip netns exec NS ./rtdump RUNS WARMUP`), then repeats an IPv4 route dump (RTM_GETROUTE,
 * rtm_family AF_INET, NLM_F_REQUEST|NLM_F_DUMP): recvmsg() into a 32 KiB buffer until NLMSG_DONE,
 * walking every nlmsghdr with NLMSG_OK/NLMSG_NEXT and reading its length, type, flags and seq.
 * This is the least work a reader can do, so it is the floor jnetlink is measured against.
 *
 * The socket is set up as jnetlink's NetlinkSocketSpec defaults do it (SO_SNDBUF and SO_RCVBUF
 * 1 MiB, NETLINK_EXT_ACK on, explicit bind) so both sides ask the kernel for the same thing.
 *
 * Output, one line per dump, then a summary (the run script parses these lines):
 *   run <i> <warm|measured> time_ms=<t> cpu_ms=<t> datagrams=<d> messages=<m> bytes=<b> checksum=<c>
 *   summary runs=<n> best_ms=<t> median_ms=<t> best_cpu_ms=<t> median_cpu_ms=<t> datagrams=<d>
 *           messages=<m> checksum=<c> max_rss_kb=<k>
 * time_ms is wall time (CLOCK_MONOTONIC) from send to NLMSG_DONE; cpu_ms is the thread's CPU time
 * (user + system, CLOCK_THREAD_CPUTIME_ID) over the same span, which a busy machine disturbs less.
 * messages counts data messages (NLMSG_DONE, NLMSG_ERROR and NLMSG_NOOP excluded, as jnetlink's
 * Replies hands out); checksum is the sum over them of nlmsg_len + nlmsg_type + nlmsg_flags, so the
 * two readers can be checked against each other.
 *
 * Exit status: 0 on success, 1 on a system call failure or a kernel error, 2 on bad arguments.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "floor.h"

#define BUF_SIZE 32768
#define MAX_RUNS 10000

struct result {
    double ms;
    double cpu_ms;
    long datagrams;
    long messages;
    long bytes;
    uint64_t checksum;
};

/* One dump; returns 0 or -1 after printing why. */
static int dump(int fd, uint32_t seq, char *buf, struct result *r)
{
    struct {
        struct nlmsghdr nh;
        struct rtmsg rt;
    } req;
    memset(&req, 0, sizeof(req));
    req.nh.nlmsg_len = sizeof(req);
    req.nh.nlmsg_type = RTM_GETROUTE;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.nh.nlmsg_seq = seq;
    req.rt.rtm_family = AF_INET;

    memset(r, 0, sizeof(*r));
    double c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    double t0 = clock_ms(CLOCK_MONOTONIC);
    if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req)) {
        perror("rtdump: send");
        return -1;
    }
    struct sockaddr_nl sa;
    struct iovec iov = {buf, BUF_SIZE};
    struct msghdr mh = {.msg_name = &sa, .msg_namelen = sizeof(sa), .msg_iov = &iov, .msg_iovlen = 1};
    for (;;) {
        ssize_t n = recvmsg(fd, &mh, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("rtdump: recvmsg");
            return -1;
        }
        if (mh.msg_flags & MSG_TRUNC) {
            fprintf(stderr, "rtdump: datagram truncated to %d bytes\n", BUF_SIZE);
            return -1;
        }
        r->datagrams++;
        r->bytes += n;
        int len = (int)n;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_seq != seq) {
                fprintf(stderr, "rtdump: reply with seq %u, expected %u\n", h->nlmsg_seq, seq);
                return -1;
            }
            if (h->nlmsg_type == NLMSG_DONE) {
                int err = h->nlmsg_len >= NLMSG_LENGTH(sizeof(int)) ? *(int *)NLMSG_DATA(h) : 0;
                if (err < 0) {
                    fprintf(stderr, "rtdump: dump failed: %s\n", strerror(-err));
                    return -1;
                }
                r->ms = clock_ms(CLOCK_MONOTONIC) - t0;
                r->cpu_ms = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
                return 0;
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(h);
                fprintf(stderr, "rtdump: kernel error: %s\n", strerror(-e->error));
                return -1;
            }
            if (h->nlmsg_type == NLMSG_NOOP)
                continue;
            r->messages++;
            r->checksum += h->nlmsg_len + h->nlmsg_type + h->nlmsg_flags;
        }
        if (len != 0) {
            fprintf(stderr, "rtdump: %d bytes of broken framing at the end of a datagram\n", len);
            return -1;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s RUNS [WARMUP]   (run inside the namespace: ip netns exec NS %s RUNS)\n",
                argv[0], argv[0]);
        return 2;
    }
    long runs = parse_count("rtdump", argv[1], "RUNS", MAX_RUNS);
    long warmup = argc > 2 ? parse_count("rtdump", argv[2], "WARMUP", MAX_RUNS) : 0;
    if (runs < 1) {
        fprintf(stderr, "rtdump: RUNS must be at least 1\n");
        return 2;
    }

    int fd = open_route_socket("rtdump");
    if (fd < 0)
        return 1;

    static char buf[BUF_SIZE] __attribute__((aligned(8)));
    double *times = calloc(runs, sizeof(double));
    double *cpu = calloc(runs, sizeof(double));
    if (times == NULL || cpu == NULL) {
        perror("rtdump: calloc");
        return 1;
    }
    struct result r, last = {0};
    for (long i = 0; i < warmup + runs; i++) {
        if (dump(fd, (uint32_t)(i + 1), buf, &r) < 0)
            return 1;
        int measured = i >= warmup;
        printf("run %ld %s time_ms=%.3f cpu_ms=%.3f datagrams=%ld messages=%ld bytes=%ld checksum=%llu\n",
               measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm", r.ms, r.cpu_ms,
               r.datagrams, r.messages, r.bytes, (unsigned long long)r.checksum);
        if (measured) {
            times[i - warmup] = r.ms;
            cpu[i - warmup] = r.cpu_ms;
        }
        last = r;
    }
    close(fd);

    qsort(times, runs, sizeof(double), cmp_double);
    qsort(cpu, runs, sizeof(double), cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("summary runs=%ld best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f datagrams=%ld"
           " messages=%ld checksum=%llu max_rss_kb=%ld\n",
           runs, times[0], median(times, runs), cpu[0], median(cpu, runs), last.datagrams, last.messages,
           (unsigned long long)last.checksum, ru.ru_maxrss);
    free(times);
    free(cpu);
    return 0;
}
