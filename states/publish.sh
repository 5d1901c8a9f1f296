# The end of the publish lesson: the outbound network, the web server in netns0 on 172.18.0.10:5000, and host port 172.16.0.2:5000 published to it (DNAT in PREROUTING and OUTPUT).
# builds on: outbound-web
iptables -t nat -A PREROUTING -d 172.16.0.2 -p tcp -m tcp --dport 5000 -j DNAT --to-destination 172.18.0.10:5000
iptables -t nat -A OUTPUT -d 172.16.0.2 -p tcp -m tcp --dport 5000 -j DNAT --to-destination 172.18.0.10:5000
