# Two containers on bridge br0: netns0 (ceth0 172.18.0.10/16) and netns1 (ceth1 172.18.0.20/16); the host ends veth0/veth1 are bridge ports without addresses.
# builds on: netns
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link set ceth0 netns netns0
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
