# netns0 wired to the host by a veth pair: veth0 172.18.0.11/16 (host) <-> ceth0 172.18.0.10/16 (netns0).
# builds on: netns
ip link add veth0 type veth peer name ceth0
ip link set ceth0 netns netns0
ip link set veth0 up
ip addr add 172.18.0.11/16 dev veth0
ip -n netns0 link set ceth0 up
ip -n netns0 addr add 172.18.0.10/16 dev ceth0
