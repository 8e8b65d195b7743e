#!/usr/bin/env bash
# capture-ip-requests.sh: records the request iproute2 sends for each command below (the last sendmsg or sendto on
# its rtnetlink socket, fd 3, as `strace -e trace=sendmsg,sendto -e write=3` dumps it) into
# route/src/test/resources/ip-requests/NAME.txt, the golden data of LinkKindRequestTest. Run as root; needs
# strace. The commands run in a namespace made for the purpose, laid out as the test lays out its own, so the
# ifindexes in the requests match; this kernel refuses most of them (the kind is not built, or VLAN filtering
# is not), which does not matter: ip has sent its request by then. Sequence number and port are zeroed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/route/src/test/resources/ip-requests"
ns="jnl-capture-$$"
command -v strace >/dev/null || { echo "capture-ip-requests: needs strace (apt-get install strace)" >&2; exit 2; }
mkdir -p "$out"
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
# the layout LinkKindRequestTest makes: lo=1, v1=2, v0=3, br0=4, w1=5, w0=6 (w0 a port of br0)
ip -n "$ns" link add v0 type veth peer name v1
ip -n "$ns" link add br0 type bridge
ip -n "$ns" link add w0 type veth peer name w1
ip -n "$ns" link set w0 master br0
layout=$(ip -n "$ns" -o link show | awk -F': ' '{split($2, n, "@"); printf "%s=%s ", n[1], $1}')

capture() {
    local name=$1; shift
    local dump
    dump=$(ip netns exec "$ns" strace -f -e trace=sendmsg,sendto -e write=3 "$@" 2>&1 >/dev/null || true)
    # the last buffer dumped: its hex columns, one line per 16 bytes
    local hex
    hex=$(printf '%s\n' "$dump" | awk '/^send(msg|to)\(/ {buf=""; next}
        /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / {line=substr($0, 11, 49); gsub(/  +/, " ", line); buf = buf line "\n"}
        END {printf "%s", buf}' | sed -E 's/^ +//; s/ +$//')
    if [ -z "$hex" ]; then
        echo "capture-ip-requests: no request captured for: $*" >&2
        exit 1
    fi
    # the message alone (a dump request's buffer may be longer than its nlmsg_len), sequence number (bytes
    # 8-11) and port (12-15) zeroed, 16 bytes a line
    hex=$(printf '%s\n' "$hex" | tr ' ' '\n' | grep . | awk 'function hex(s,  i, v) {v = 0; for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return v}
        {b[NR] = $0}
        END {len = hex(b[4] b[3] b[2] b[1]); for (i = 9; i <= 16; i++) b[i] = "00";
             for (i = 1; i <= len; i++) printf "%s%s", b[i], (i % 16 == 0 || i == len) ? "\n" : " "}')
    local refusal
    refusal=$(printf '%s\n' "$dump" | grep -v '^ [|*]\|^sendmsg\|^sendto\|^+++\|^strace' | head -1 || true)
    {
        echo "# $*"
        echo "# namespace: $layout(ip link add v0 type veth peer name v1; ip link add br0 type bridge;"
        echo "#            ip link add w0 type veth peer name w1; ip link set w0 master br0)"
        echo "# $(ip -V), kernel $(uname -r)${refusal:+; it answered: $refusal}"
        printf '%s\n' "$hex"
    } > "$out/$name.txt"
    echo "$name: $*"
}

capture vlan            ip link add vl0 link v0 type vlan id 100
capture vlan-8021ad     ip link add vl1 link v0 type vlan protocol 802.1ad id 5
capture vrf             ip link add vrf0 type vrf table 10
capture bond            ip link add bond0 type bond mode 802.3ad
capture bond-miimon     ip link add bond1 type bond mode active-backup miimon 100
capture dummy           ip link add d0 type dummy
capture gre             ip link add gre0 type gre local 10.0.0.1 remote 10.0.0.2 key 42
capture gre-remote-dev  ip link add gre1 type gre remote 10.0.0.2 ttl 64 dev v0
capture wireguard       ip link add wg0 type wireguard
capture vlan-filtering  ip link set br0 type bridge vlan_filtering 1
capture bridge-vlan-add bridge vlan add vid 10 dev w0 pvid untagged
capture bridge-vlan-range bridge vlan add vid 20-22 dev w0 master
capture bridge-vlan-del bridge vlan del vid 10 dev w0
capture vlan-dump       bridge -d vlan show
