/* ctfill: creates N conntrack entries in the caller's network namespace, as `conntrack -I` would one by one, but
 * 64 IPCTNL_MSG_CT_NEW requests per datagram (bench/run-conntrack.sh's table; not a benchmark itself).
 *
 *   ip netns exec NS bench/target/ctfill N
 *
 * Entry i: TCP 10.(i>>16).(i>>8).(i&255):(1024 + i % 50000) -> 10.255.255.254:80, ESTABLISHED, SEEN_REPLY|ASSURED,
 * timeout 3600 s, mark i % 16. Every request asks for an ACK; the first error stops it (exit 1, with the errno).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#define BATCH 64

static size_t put(char *b, size_t off, uint16_t type, const void *data, uint16_t len) {
    struct nlattr *a = (struct nlattr *) (b + off);
    a->nla_type = type;
    a->nla_len = NLA_HDRLEN + len;
    memcpy(b + off + NLA_HDRLEN, data, len);
    memset(b + off + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
    return off + NLA_HDRLEN + NLA_ALIGN(len);
}

static size_t nest_start(size_t off) { return off + NLA_HDRLEN; }

static void nest_end(char *b, size_t start, size_t end, uint16_t type) {
    struct nlattr *a = (struct nlattr *) (b + start - NLA_HDRLEN);
    a->nla_type = type | NLA_F_NESTED;
    a->nla_len = end - (start - NLA_HDRLEN);
}

static size_t tuple(char *b, size_t off, uint16_t type, uint32_t src, uint32_t dst, uint16_t sp, uint16_t dp) {
    size_t t = nest_start(off), ip = nest_start(t);
    size_t o = put(b, ip, CTA_IP_V4_SRC, &src, 4);
    o = put(b, o, CTA_IP_V4_DST, &dst, 4);
    nest_end(b, ip, o, CTA_TUPLE_IP);
    size_t pr = nest_start(o);
    uint8_t proto = IPPROTO_TCP;
    o = put(b, pr, CTA_PROTO_NUM, &proto, 1);
    o = put(b, o, CTA_PROTO_SRC_PORT, &sp, 2);
    o = put(b, o, CTA_PROTO_DST_PORT, &dp, 2);
    nest_end(b, pr, o, CTA_TUPLE_PROTO);
    nest_end(b, t, o, type);
    return o;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    if (n < 1 || n > 16000000) {
        fprintf(stderr, "usage: ctfill N (1..16000000)\n");
        return 2;
    }
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    static char buf[BATCH * 256], rbuf[1 << 16];
    uint32_t seq = 1;
    for (long i = 0; i < n;) {
        size_t len = 0;
        int k;
        for (k = 0; k < BATCH && i < n; k++, i++) {
            struct nlmsghdr *h = (struct nlmsghdr *) (buf + len);
            size_t o = len + NLMSG_HDRLEN;
            struct nfgenmsg *g = (struct nfgenmsg *) (buf + o);
            g->nfgen_family = AF_INET;
            g->version = NFNETLINK_V0;
            g->res_id = 0;
            o += NLMSG_ALIGN(sizeof(*g));
            uint32_t src = htonl(0x0a000000u | (uint32_t) i), dst = htonl(0x0afffffeu);
            uint16_t sp = htons(1024 + i % 50000), dp = htons(80);
            o = tuple(buf, o, CTA_TUPLE_ORIG, src, dst, sp, dp);
            o = tuple(buf, o, CTA_TUPLE_REPLY, dst, src, dp, sp);
            uint32_t timeout = htonl(3600), status = htonl(0xe), mark = htonl(i % 16);
            o = put(buf, o, CTA_TIMEOUT, &timeout, 4);
            o = put(buf, o, CTA_STATUS, &status, 4);
            o = put(buf, o, CTA_MARK, &mark, 4);
            size_t pi = nest_start(o), tcp = nest_start(pi);
            uint8_t state = 3; /* TCP_CONNTRACK_ESTABLISHED */
            o = put(buf, tcp, CTA_PROTOINFO_TCP_STATE, &state, 1);
            nest_end(buf, tcp, o, CTA_PROTOINFO_TCP);
            nest_end(buf, pi, o, CTA_PROTOINFO);
            h->nlmsg_len = o - len;
            h->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
            h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
            h->nlmsg_seq = seq++;
            h->nlmsg_pid = 0;
            len = NLMSG_ALIGN(o);
        }
        struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
        if (sendto(fd, buf, len, 0, (struct sockaddr *) &kernel, sizeof(kernel)) < 0) {
            perror("sendto");
            return 1;
        }
        for (int acks = 0; acks < k;) {
            ssize_t r = recv(fd, rbuf, sizeof(rbuf), 0);
            if (r < 0) {
                perror("recv");
                return 1;
            }
            for (struct nlmsghdr *h = (struct nlmsghdr *) rbuf; NLMSG_OK(h, r); h = NLMSG_NEXT(h, r)) {
                if (h->nlmsg_type == NLMSG_ERROR) {
                    int err = ((struct nlmsgerr *) NLMSG_DATA(h))->error;
                    if (err) {
                        fprintf(stderr, "ctfill: entry %u: %s\n", h->nlmsg_seq, strerror(-err));
                        return 1;
                    }
                    acks++;
                }
            }
        }
    }
    close(fd);
    return 0;
}
