# Opens the sockets the kernel tests look at, inside the network namespace it runs in, prints "ready" and holds
# them until its standard input closes. Argument: the path of a UNIX socket to bind.
import socket
import sys

keep = []
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 8080))
ls.listen(16)
l6 = socket.socket(socket.AF_INET6)
l6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
l6.bind(("::1", 8081))
l6.listen(8)
for i in range(3):
    c = socket.create_connection(("127.0.0.1", 8080))
    a, _ = ls.accept()
    c.sendall(b"x" * (100 * (i + 1)))          # left unread: Recv-Q of the accepted side
    keep += [c, a]
c6 = socket.create_connection(("::1", 8081))
a6, _ = l6.accept()
a6.sendall(b"y" * 1000)
keep += [c6, a6]
keep.append(socket.create_connection(("127.0.0.1", 8080)))   # never accepted: Recv-Q 1 on the listener
victim = socket.socket()
victim.bind(("127.0.0.1", 8090))
victim.listen(4)
for i in range(2):
    c = socket.create_connection(("127.0.0.1", 8090))
    a, _ = victim.accept()
    keep += [c, a]
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 5353))
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
u6.connect(("::1", 5353))
xs = socket.socket(socket.AF_UNIX)
xs.bind(sys.argv[1])
xs.listen(4)
xa = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
xa.bind("\0jnl-diag-abstract")
p, q = socket.socketpair()
p.sendall(b"z" * 10)
xc = socket.socket(socket.AF_UNIX)
xc.connect(sys.argv[1])
keep += [ls, l6, victim, u, u6, xs, xa, p, q, xc]
print("ready", flush=True)
sys.stdin.read()
