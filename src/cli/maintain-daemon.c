// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `zswapctl maintain --daemon`: the rounds of the policy on their
 * intervals. It sleeps in one poll() on a timerfd set to the next round
 * (CLOCK_REALTIME, absolute, so a suspend or a clock change wakes it when
 * the round is due, not an interval later; a change that makes no round
 * due only sets the timer again), a signalfd (SIGHUP reads the
 * configuration again, SIGTERM and SIGINT stop between rounds) and, under
 * a systemd watchdog, a second timerfd for the pings: no polling, one
 * wakeup per round when there is nothing else to do.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "maintain-cli.h"
#include "util.h"

struct daemon {
	struct cli *cli;
	const struct setup_ctx *s;
	const char *file;
	struct maintain_options *opts;
	struct config cfg;
	bool have_cfg;
	struct maintain_session sess;
	int sfd, tfd, wfd;
	uint64_t watchdog_usec; /* 0: no watchdog */
	uint64_t last_round, next_round; /* CLOCK_REALTIME seconds */
	bool said_no_policy; /* the log says so once, until a policy is back */
};

/* The next ping half a watchdog period from now, as sd_watchdog_enabled(3)
 * advises. Every round pings and re-arms it, so with rounds closer than
 * that the watchdog never wakes the daemon on its own. */
static int arm_watchdog(struct daemon *d)
{
	uint64_t half = d->watchdog_usec / 2;
	struct itimerspec its = {
		.it_value = { .tv_sec = (time_t)(half / 1000000), .tv_nsec = (long)(half % 1000000 * 1000) },
	};

	if (d->wfd < 0)
		return 0;
	its.it_interval = its.it_value;
	return timerfd_settime(d->wfd, 0, &its, NULL) < 0 ? -errno : 0;
}

static bool any_policy(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->ndevices; i++)
		if (maintain_policy_any(&cfg->devices[i].policy))
			return true;
	return false;
}

/* The STATUS= line: per device what today's budget looks like. */
static void status_line(const struct maintain_report *rep, uint64_t next, char *buf, size_t size)
{
	size_t len = 0;
	char t[32];

	/* In seconds, not a local time: no time zone to load. */
	len += (size_t)snprintf(buf, size, "STATUS=next round in %llus",
				(unsigned long long)(next > rep->time ? next - rep->time : 0));
	for (size_t i = 0; i < rep->nresults && len < size; i++) {
		const struct maintain_result *res = &rep->results[i];

		if (res->missing) {
			len += (size_t)snprintf(buf + len, size - len, "; zram%u: not set up", res->id);
			continue;
		}
		if (res->state_newer) {
			len += (size_t)snprintf(buf + len, size - len,
						"; zram%u: state of a newer zswapctl", res->id);
			continue;
		}
		setup_format_size(t, sizeof(t), res->state.day_written);
		len += (size_t)snprintf(buf + len, size - len, "; zram%u: %s written back today",
					res->id, t);
	}
}

static int arm_round(struct daemon *d, uint64_t next)
{
	struct itimerspec its = { .it_value = { .tv_sec = (time_t)next } };

	/* TFD_TIMER_CANCEL_ON_SET: a clock set by hand or NTP wakes us to
	 * look at the due times again. */
	if (timerfd_settime(d->tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL) < 0)
		return -errno;
	return 0;
}

/* A reload left no device with a policy: no rounds (the round timer is
 * off, not woken every minute for nothing) until a SIGHUP brings one back;
 * SIGTERM ends it as ever, and the watchdog timer goes on pinging. */
static int no_policy(struct daemon *d, bool *ready)
{
	struct itimerspec off = { 0 };
	char msg[160];

	if (timerfd_settime(d->tfd, 0, &off, NULL) < 0) {
		cli_error("maintain: cannot stop the round timer: %s", strerror(errno));
		return EXIT_FAILED;
	}
	if (!d->said_no_policy && d->cli->verbosity >= 0 && !d->cli->json) {
		puts("no device has a maintenance policy (writeback-modes or recompress-interval): "
		     "no rounds until SIGHUP reads one");
		fflush(stdout);
	}
	d->said_no_policy = true;
	snprintf(msg, sizeof(msg), "%sSTATUS=no device has a maintenance policy; waiting for "
		 "SIGHUP\nWATCHDOG=1", *ready ? "" : "READY=1\n");
	notify_send(msg);
	arm_watchdog(d);
	*ready = true;
	return EXIT_OK;
}

/* One round and what the service manager hears of it. */
static int round_and_arm(struct daemon *d, bool *ready)
{
	struct maintain_report rep;
	struct maintain_clock clock;
	char boot_id[64], status[512], msg[600];
	uint64_t next;
	int rc, r;

	if (!any_policy(&d->cfg))
		return no_policy(d, ready);
	d->said_no_policy = false;
	maintain_cli_clock(d->cli, &clock, boot_id, sizeof(boot_id));
	d->opts->clock = &clock;
	rc = maintain_cli_round(d->cli, d->s, &d->cfg, d->opts, &d->sess, &rep);
	if (rc == EXIT_USAGE)
		return rc;
	maintain_cli_print(d->cli, &rep, false);
	next = maintain_report_next_due(&rep);
	status_line(&rep, next, status, sizeof(status));
	maintain_report_free(&rep);
	snprintf(msg, sizeof(msg), "%s%s\nWATCHDOG=1", *ready ? "" : "READY=1\n", status);
	notify_send(msg);
	arm_watchdog(d);
	*ready = true;
	if (!next)
		next = clock.realtime + 60;
	d->last_round = clock.realtime;
	d->next_round = next;
	r = arm_round(d, next);
	if (r < 0) {
		cli_error("maintain: cannot set the round timer: %s", strerror(-r));
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

static int reload(struct daemon *d)
{
	struct config cfg;
	struct timespec ts;
	char msg[96];

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%" PRIu64,
		 (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000);
	notify_send(msg);
	if (maintain_cli_load_config(d->cli, d->s, d->file, &cfg) != EXIT_OK) {
		cli_warn(d->cli, "maintain: the configuration has errors; the one read before stays");
		notify_send("READY=1");
		return EXIT_OK;
	}
	config_free(&d->cfg);
	d->cfg = cfg;
	/* Devices and their features may have changed with it. */
	maintain_session_free(&d->sess);
	notify_send("READY=1");
	return EXIT_OK;
}

static int setup_fds(struct daemon *d)
{
	uint64_t wd = notify_watchdog_usec();
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -errno;
	d->sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	d->tfd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	if (d->sfd < 0 || d->tfd < 0)
		return -errno;
	if (wd) {
		d->watchdog_usec = wd;
		d->wfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
		if (d->wfd < 0 || arm_watchdog(d) < 0)
			return -errno;
	}
	return 0;
}

static void daemon_close(struct daemon *d)
{
	if (d->sfd >= 0)
		close(d->sfd);
	if (d->tfd >= 0)
		close(d->tfd);
	if (d->wfd >= 0)
		close(d->wfd);
	if (d->have_cfg)
		config_free(&d->cfg);
	maintain_session_free(&d->sess);
}

/*
 * The clock was set (TFD_TIMER_CANCEL_ON_SET): a round if that made one
 * due, the due time passed or the clock set back before the last round (as
 * the policy's is_due() decides); else the same timer again, and no round
 * and no report. A clock stepped every few hundred milliseconds (a virtual
 * machine's time sync) made a round, and a report line, at each step.
 */
static bool due_after_clock_set(struct daemon *d)
{
	struct timespec ts;
	uint64_t now;

	clock_gettime(CLOCK_REALTIME, &ts);
	now = (uint64_t)ts.tv_sec;
	if (now >= d->next_round || now < d->last_round)
		return true;
	/* A timer that cannot be set again: the round says why. */
	return arm_round(d, d->next_round) < 0;
}

/* What woke us: a signal to act on (0 for none), and whether a round is due. */
static int wait_event(struct daemon *d, bool *round)
{
	struct pollfd fds[3] = {
		{ .fd = d->sfd, .events = POLLIN },
		{ .fd = d->tfd, .events = POLLIN },
		{ .fd = d->wfd, .events = POLLIN },
	};
	struct signalfd_siginfo si;
	uint64_t ticks;

	*round = false;
	while (poll(fds, d->wfd >= 0 ? 3 : 2, -1) < 0)
		if (errno != EINTR)
			return -errno;
	if (fds[2].revents & POLLIN) {
		if (read(d->wfd, &ticks, sizeof(ticks)) > 0)
			notify_send("WATCHDOG=1");
	}
	if (fds[1].revents & POLLIN) {
		if (read(d->tfd, &ticks, sizeof(ticks)) > 0)
			*round = true;
		else if (errno == ECANCELED)
			*round = due_after_clock_set(d);
	}
	if (fds[0].revents & POLLIN && read(d->sfd, &si, sizeof(si)) == sizeof(si))
		return (int)si.ssi_signo;
	return 0;
}

int maintain_daemon(struct cli *cli, const struct setup_ctx *s, const char *file,
		    struct maintain_options *opts)
{
	struct daemon d = { .cli = cli, .s = s, .file = file, .opts = opts,
			    .sfd = -1, .tfd = -1, .wfd = -1 };
	bool ready = false;
	int rc, r;

	rc = maintain_cli_load_config(cli, s, file, &d.cfg);
	if (rc != EXIT_OK)
		return rc;
	d.have_cfg = true;
	if (!any_policy(&d.cfg)) {
		/* Nothing to do is a success: the service starts and ends. */
		notify_send("READY=1\nSTATUS=no device has a maintenance policy");
		if (cli->verbosity >= 0 && !cli->json)
			puts("no device has a maintenance policy (writeback-modes or "
			     "recompress-interval): nothing to do");
		daemon_close(&d);
		return EXIT_OK;
	}
	r = setup_fds(&d);
	if (r < 0) {
		cli_error("maintain: cannot set up signals and timers: %s", strerror(-r));
		daemon_close(&d);
		return EXIT_FAILED;
	}
	/* Ready before the first round, not after it: a round can take
	 * minutes (a writeback of hundreds of MiB), and systemd would hold
	 * the units ordered after this one, or time the start out. */
	notify_send("READY=1\nSTATUS=first round");
	ready = true;
	rc = round_and_arm(&d, &ready);
	while (rc == EXIT_OK) {
		bool round;
		int sig = wait_event(&d, &round);

		if (sig < 0) {
			cli_error("maintain: poll: %s", strerror(-sig));
			rc = EXIT_FAILED;
			break;
		}
		if (sig == SIGTERM || sig == SIGINT) {
			notify_send("STOPPING=1");
			break;
		}
		if (sig == SIGHUP) {
			reload(&d);
			round = true;
		}
		if (round)
			rc = round_and_arm(&d, &ready);
	}
	daemon_close(&d);
	return rc;
}
