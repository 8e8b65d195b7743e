/*
 * linkget: the C floor for sequential single-link get requests (bench/run-routes.sh).
 *
 * Opens one NETLINK_ROUTE socket in the current network namespace (run it with
 * `ip netns exec NS ./linkget IFINDEX COUNT RUNS WARMUP`), set up as jnetlink's NetlinkSocketSpec
 * defaults do it (SO_SNDBUF and SO_RCVBUF 1 MiB, NETLINK_EXT_ACK on, explicit bind), then makes
 * COUNT requests one after the other, each RTM_GETLINK for ifinfomsg.ifi_index = IFINDEX with
 * NLM_F_REQUEST|NLM_F_ACK (what io.jnetlink.route.IPRoute#link(int) sends): send(), then recv()
 * into a 32 KiB buffer until the ACK (NLMSG_ERROR with error 0), checking the sequence number and
 * counting the RTM_NEWLINK reply. A run is COUNT requests; WARMUP runs come first, not counted.
 *
 * Output, one line per run, then a summary (the run script parses these lines, as rtdump's):
 *   run <i> <warm|measured> time_ms=<t> cpu_ms=<t> per_get_us=<t> replies=<n> bytes=<b>
 *   summary runs=<n> best_ms=<t> median_ms=<t> best_cpu_ms=<t> median_cpu_ms=<t> count=<c>
 *           reply_bytes=<b> max_rss_kb=<k>
 * time_ms is wall time (CLOCK_MONOTONIC) of the COUNT requests, cpu_ms the thread's CPU time.
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

/* One request: returns the bytes of the RTM_NEWLINK reply, or -1 after printing why. */
static long get_link(int fd, int ifindex, uint32_t seq, char *buf)
{
    struct {
        struct nlmsghdr nh;
        struct ifinfomsg ifi;
    } req;
    memset(&req, 0, sizeof(req));
    req.nh.nlmsg_len = sizeof(req);
    req.nh.nlmsg_type = RTM_GETLINK;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    req.nh.nlmsg_seq = seq;
    req.ifi.ifi_family = AF_UNSPEC;
    req.ifi.ifi_index = ifindex;
    if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req)) {
        perror("linkget: send");
        return -1;
    }
    long reply = -1;
    for (;;) {
        ssize_t n = recv(fd, buf, BUF_SIZE, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("linkget: recv");
            return -1;
        }
        int len = (int)n;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_seq != seq) {
                fprintf(stderr, "linkget: reply with seq %u, expected %u\n", h->nlmsg_seq, seq);
                return -1;
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(h);
                if (e->error != 0) {
                    fprintf(stderr, "linkget: kernel error: %s\n", strerror(-e->error));
                    return -1;
                }
                if (reply < 0) {
                    fprintf(stderr, "linkget: ACK without an RTM_NEWLINK reply\n");
                    return -1;
                }
                return reply;
            }
            if (h->nlmsg_type == RTM_NEWLINK)
                reply = h->nlmsg_len;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s IFINDEX COUNT RUNS WARMUP   (run inside the namespace: ip netns exec NS ...)\n",
                argv[0]);
        return 2;
    }
    int ifindex = (int)parse_count("linkget", argv[1], "IFINDEX", 0x7fffffff);
    long count = parse_count("linkget", argv[2], "COUNT", 10000000);
    long runs = parse_count("linkget", argv[3], "RUNS", 10000);
    long warmup = parse_count("linkget", argv[4], "WARMUP", 10000);
    if (ifindex < 1 || count < 1 || runs < 1) {
        fprintf(stderr, "linkget: IFINDEX, COUNT and RUNS must be at least 1\n");
        return 2;
    }

    int fd = open_route_socket("linkget");
    if (fd < 0)
        return 1;

    static char buf[BUF_SIZE] __attribute__((aligned(8)));
    double *times = calloc(runs, sizeof(double));
    double *cpu = calloc(runs, sizeof(double));
    if (times == NULL || cpu == NULL) {
        perror("linkget: calloc");
        return 1;
    }
    uint32_t seq = 0;
    long reply = 0;
    for (long i = 0; i < warmup + runs; i++) {
        long bytes = 0;
        double c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
        double t0 = clock_ms(CLOCK_MONOTONIC);
        for (long k = 0; k < count; k++) {
            reply = get_link(fd, ifindex, ++seq, buf);
            if (reply < 0)
                return 1;
            bytes += reply;
        }
        double ms = clock_ms(CLOCK_MONOTONIC) - t0;
        double cms = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        int measured = i >= warmup;
        printf("run %ld %s time_ms=%.3f cpu_ms=%.3f per_get_us=%.3f replies=%ld bytes=%ld\n",
               measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm", ms, cms, ms * 1e3 / count,
               count, bytes);
        if (measured) {
            times[i - warmup] = ms;
            cpu[i - warmup] = cms;
        }
    }
    close(fd);

    qsort(times, runs, sizeof(double), cmp_double);
    qsort(cpu, runs, sizeof(double), cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("summary runs=%ld best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f count=%ld"
           " reply_bytes=%ld max_rss_kb=%ld\n",
           runs, times[0], median(times, runs), cpu[0], median(cpu, runs), count, reply, ru.ru_maxrss);
    free(times);
    free(cpu);
    return 0;
}
