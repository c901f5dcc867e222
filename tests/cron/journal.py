# journal.py SOCKET OUT [SECONDS]: a stand-in for systemd-journald's native
# socket, for tests/cron/no-terminal.sh. Writes one line per message to
# OUT: its fields as KEY=VALUE joined by " | ", in the order sent, without
# the ones GLib adds (CODE_*, GLIB_*). Ends after SECONDS without a
# message, or on SIGTERM once it has read what the socket holds (a sender
# that has returned from sendmsg() has queued its datagram).
import signal
import socket
import struct
import sys

path, out_path = sys.argv[1], sys.argv[2]
timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
out = open(out_path, "w")
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(timeout)
stopping = False


def on_term(signum, frame):
    global stopping
    stopping = True
    s.setblocking(False)


signal.signal(signal.SIGTERM, on_term)
open(path + ".ready", "w").close()
try:
    while True:
        try:
            data = s.recv(1 << 20)
        except InterruptedError:
            continue
        except BlockingIOError:
            if stopping:
                break
            continue
        fields, i = [], 0
        while i < len(data):
            nl = data.index(b"\n", i)
            line = data[i:nl]
            if b"=" in line:
                key, value = line.split(b"=", 1)
                i = nl + 1
            else:  # KEY \n little-endian 64-bit length, value, \n
                key = line
                n = struct.unpack("<Q", data[nl + 1:nl + 9])[0]
                value = data[nl + 9:nl + 9 + n]
                i = nl + 9 + n + 1
            key = key.decode()
            if not key.startswith(("CODE_", "GLIB_")):
                fields.append(key + "=" + value.decode("utf-8", "replace"))
        out.write(" | ".join(fields) + "\n")
        out.flush()
except socket.timeout:
    pass
