/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Between `zswapctl maintain` (cmd-maintain.c) and its daemon
 * (maintain-daemon.c). */
#ifndef ZSWAPCTL_CLI_MAINTAIN_H
#define ZSWAPCTL_CLI_MAINTAIN_H

#include "cli.h"
#include "maintain.h"

/* The clocks now; BOOT_ID is where the boot id is kept. */
void maintain_cli_clock(struct cli *cli, struct maintain_clock *c, char *boot_id, size_t size);
/* The configuration (FILE, or the files); an exit code. */
int maintain_cli_load_config(struct cli *cli, const struct setup_ctx *s, const char *file,
			     struct config *cfg);
/* One round under the run lock (not for a dry run); an exit code. */
int maintain_cli_round(struct cli *cli, const struct setup_ctx *s, const struct config *cfg,
		       const struct maintain_options *opts, struct maintain_session *sess,
		       struct maintain_report *rep);
/* The report as text, or as JSON (PRETTY: indented; else one line). */
void maintain_cli_print(struct cli *cli, const struct maintain_report *rep, bool pretty);

/* Rounds until SIGTERM; an exit code. */
int maintain_daemon(struct cli *cli, const struct setup_ctx *s, const char *file,
		    struct maintain_options *opts);

/*
 * sd_notify(3) over the documented protocol, without libsystemd: one
 * datagram to the AF_UNIX socket $NOTIFY_SOCKET names (a leading '@' is
 * the abstract namespace). 0 when sent, also 0 without $NOTIFY_SOCKET (not
 * under systemd); -errno.
 */
int notify_send(const char *message);
/* $WATCHDOG_USEC when it is meant for this process ($WATCHDOG_PID absent
 * or ours), else 0. */
uint64_t notify_watchdog_usec(void);

#endif
