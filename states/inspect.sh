# The host after lesson 1: untouched, plus the empty iptables chain MY_CUSTOM_CHAIN as a marker.
iptables --new-chain MY_CUSTOM_CHAIN
