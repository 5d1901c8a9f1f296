# The end of the outbound lesson plus a web server in netns0 on 172.18.0.10:5000 (the start of the publish challenge).
# builds on: outbound
# The container's web server, detached so it outlives this script; wait until it answers.
ip netns exec netns0 setsid python3 -m http.server --bind 172.18.0.10 5000 >/tmp/http.log 2>&1 < /dev/null &
for _ in $(seq 100); do
  curl -s -o /dev/null --max-time 1 http://172.18.0.10:5000/ && break
  sleep 0.02
done
curl -s -o /dev/null --max-time 1 http://172.18.0.10:5000/ || { echo "the web server in netns0 did not start:" >&2; cat /tmp/http.log >&2; exit 1; }
