/* service-notify.c: the service manager's notifications (READY=1,
 * WATCHDOG=1, STOPPING=1), sent the way sd_notify(3) sends them.
 *
 * Why not libsystemd's sd_notify: linking libsystemd brought seven shared
 * libraries into every run (libsystemd, libgcrypt, libgpg-error, libcap,
 * liblzma, libzstd, liblz4), all built with BIND_NOW, so the loader bound
 * about a thousand of their symbols at start-up, each looked up through a
 * longer list of libraries (24 libraries at start-up, 17 now).
 * Callgrind, `galley run -e 'read-jsonl ! export-jsonl'` on an empty
 * input: 10.8 M -> 9.1 M instructions (the default pipeline's: 33.1 M ->
 * 31.3 M); perf stat, task-clock, five alternating rounds of 30 runs on
 * a loaded shared machine: 5.2-6.0 ms -> 5.0-5.7 ms a run. The
 * protocol is a datagram of "KEY=VALUE" lines to the AF_UNIX socket named
 * by $NOTIFY_SOCKET (a leading '@' names an abstract socket), which
 * systemd documents as stable for other implementations (sd_notify(3),
 * "Notes"). Failures are ignored, as sd_notify's are by galley: a
 * notification is never a reason to stop a run.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "service-notify.h"

void
galley_service_notify (const char *state)
{
#ifdef HAVE_SERVICE_NOTIFY
  const char *path = g_getenv ("NOTIFY_SOCKET");
  struct sockaddr_un addr;
  gsize len;
  int fd;

  if (path == NULL || (path[0] != '/' && path[0] != '@'))
    return;
  len = strlen (path);
  if (len < 2 || len >= sizeof addr.sun_path)
    return;
  memset (&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  memcpy (addr.sun_path, path, len);
  if (path[0] == '@')
    addr.sun_path[0] = '\0';
  /* the variable stays set: the supervised child sends them too */
  fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return;
  (void) sendto (fd, state, strlen (state), MSG_NOSIGNAL, (struct sockaddr *) &addr,
                 (socklen_t) (offsetof (struct sockaddr_un, sun_path) + len));
  close (fd);
#else
  (void) state;
#endif
}
