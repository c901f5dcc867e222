/* service-notify.h: notifications to the service manager (systemd's
 * Type=notify). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* galley_service_notify: sends @state ("READY=1", ...) to the service
 * manager when it asked for notifications (NOTIFY_SOCKET); a no-op
 * without one, or when galley was configured --without-systemd. */
void galley_service_notify (const char *state);

G_END_DECLS
