# One empty container: network namespace netns0 with its loopback up.
ip netns add netns0
ip -n netns0 link set lo up
