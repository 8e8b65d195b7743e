/*
 * floor.h: what the C floors of the benchmarks (rtdump.c, linkget.c) share: clocks, the median of
 * sorted samples, a checked count argument, and a NETLINK_ROUTE socket set up as jnetlink's
 * NetlinkSocketSpec defaults do it (SO_SNDBUF and SO_RCVBUF 1 MiB, NETLINK_EXT_ACK on, explicit bind).
 */
#ifndef JNETLINK_BENCH_FLOOR_H
#define JNETLINK_BENCH_FLOOR_H

#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median of n sorted values. */
static double median(const double *v, long n)
{
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A whole number 0..max, or exit 2 after "prog: what must be ...". */
static long parse_count(const char *prog, const char *s, const char *what, long max)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0 || v > max) {
        fprintf(stderr, "%s: %s must be a number 0..%ld, got '%s'\n", prog, what, max, s);
        exit(2);
    }
    return v;
}

/* The bound NETLINK_ROUTE socket, or -1 after "prog: <call>: <error>". */
static int open_route_socket(const char *prog)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) {
        fprintf(stderr, "%s: ", prog);
        perror("socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)");
        return -1;
    }
    int one = 1, mib = 1 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &mib, sizeof(mib)) < 0
        || setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &mib, sizeof(mib)) < 0
        || setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) < 0) {
        fprintf(stderr, "%s: ", prog);
        perror("setsockopt");
        return -1;
    }
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
        fprintf(stderr, "%s: ", prog);
        perror("bind");
        return -1;
    }
    return fd;
}

#endif
