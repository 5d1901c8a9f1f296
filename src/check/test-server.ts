// The probes' test server: python3 with minimal imports (it starts in tens of
// ms). It says "ready" once it listens (or "error <why>"), answers HTTP
// requests with 200 and plain TCP with one line, and in both tells the client
// its token and the peer address it saw:
//   nslab test server <token>: you are 172.16.0.100
// The token lets a probe tell its own server from another probe's running at
// the same time. It exits by itself after 15 s whatever happens.
export const TEST_SERVER_PY = `
import socket, sys, signal
signal.alarm(15)
addr, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET6 if ':' in addr else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind((addr, port))
    s.listen(64)
except OSError as e:
    print('error', e.strerror, flush=True)
    sys.exit(1)
print('ready', flush=True)
while True:
    c, peer = s.accept()
    try:
        c.settimeout(1)
        try:
            data = c.recv(4096)
        except OSError:
            data = b''
        line = ('nslab test server %s: you are %s\\n' % (token, peer[0])).encode()
        if data.split(b' ', 1)[0] in (b'GET', b'HEAD', b'POST', b'PUT', b'DELETE', b'OPTIONS', b'PATCH'):
            body = b'' if data.startswith(b'HEAD') else line
            c.sendall(b'HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n' % len(line) + body)
        else:
            c.sendall(line)
    except OSError:
        pass
    finally:
        c.close()
`;

const GREETING = /nslab test server ([0-9a-f]+): you are (\S+)/;

/** The token and peer address in a test server's answer, if it is one. */
export function readGreeting(text: string): { token: string; seen: string } | undefined {
  const m = GREETING.exec(text);
  return m ? { token: m[1]!, seen: m[2]! } : undefined;
}
