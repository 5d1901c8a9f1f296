# The end of the outbound lesson: the bridge network, plus br0 172.18.0.1/16 as the containers' default gateway, ip_forward on, and masquerading of 172.18.0.0/16.
# builds on: bridge
ip addr add 172.18.0.1/16 dev br0
ip -n netns0 route add default via 172.18.0.1
ip -n netns1 route add default via 172.18.0.1
echo 1 > /proc/sys/net/ipv4/ip_forward
iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE
