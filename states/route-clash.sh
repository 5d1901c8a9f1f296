# The article's broken state: two veth pairs in one subnet, host ends 172.18.0.11/16 (veth0) and 172.18.0.21/16 (veth1), so the host holds two 172.18.0.0/16 routes.
# builds on: veth
ip netns add netns1
ip link add veth1 type veth peer name ceth1
ip link set veth1 up
ip addr add 172.18.0.21/16 dev veth1
ip link set ceth1 netns netns1
ip -n netns1 link set lo up
ip -n netns1 link set ceth1 up
ip -n netns1 addr add 172.18.0.20/16 dev ceth1
