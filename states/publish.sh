# The end of the publish lesson: the outbound network, the web server in netns0 on 172.18.0.10:5000, and host port 172.16.0.2:5000 published to it (DNAT in PREROUTING and OUTPUT).
ip netns add netns0
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link set ceth0 netns netns0
ip -n netns0 link set lo up
ip -n netns0 link set ceth0 up
ip -n netns0 addr add 172.18.0.10/16 dev ceth0

ip netns add netns1
ip link add veth1 type veth peer name ceth1
ip link set veth1 up
ip link set ceth1 netns netns1
ip -n netns1 link set lo up
ip -n netns1 link set ceth1 up
ip -n netns1 addr add 172.18.0.20/16 dev ceth1

ip link add br0 type bridge
ip link set br0 up
ip link set veth0 master br0
ip link set veth1 master br0

ip addr add 172.18.0.1/16 dev br0
ip -n netns0 route add default via 172.18.0.1
ip -n netns1 route add default via 172.18.0.1
echo 1 > /proc/sys/net/ipv4/ip_forward
iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE

iptables -t nat -A PREROUTING -d 172.16.0.2 -p tcp -m tcp --dport 5000 -j DNAT --to-destination 172.18.0.10:5000
iptables -t nat -A OUTPUT -d 172.16.0.2 -p tcp -m tcp --dport 5000 -j DNAT --to-destination 172.18.0.10:5000

# The container's web server, detached so it outlives this script; wait until it answers.
ip netns exec netns0 setsid python3 -m http.server --bind 172.18.0.10 5000 >/tmp/http.log 2>&1 < /dev/null &
for _ in $(seq 100); do
  curl -s -o /dev/null --max-time 1 http://172.18.0.10:5000/ && break
  sleep 0.02
done
curl -s -o /dev/null --max-time 1 http://172.18.0.10:5000/ || { echo "the web server in netns0 did not start:" >&2; cat /tmp/http.log >&2; exit 1; }
