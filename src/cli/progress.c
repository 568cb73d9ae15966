// SPDX-License-Identifier: GPL-2.0-or-later
/* The progress line on stderr (progress.h). */
#include <stdio.h>
#include <unistd.h>

#include "progress.h"

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_init(struct progress *p, const struct cli *cli)
{
	p->on = isatty(STDERR_FILENO) && !cli->json && cli->verbosity >= 0;
	p->shown = false;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
	p->last.tv_sec -= 1;
}

static void duration(char *buf, size_t len, double s)
{
	unsigned long long t = (unsigned long long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, len, "%llu:%02llu:%02llu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, len, "%llu:%02llu", t / 60, t % 60);
}

int progress_format(char *buf, size_t len, const char *what, uint64_t done,
		    uint64_t total, double elapsed)
{
	double rate = elapsed > 0 ? (double)done / elapsed : 0;
	char left[32] = "";
	int n;

	if (total)
		n = snprintf(buf, len, "%s: %llu/%llu pages (%u%%)", what,
			     (unsigned long long)done, (unsigned long long)total,
			     (unsigned int)(done >= total ? 100 : done * 100 / total));
	else
		n = snprintf(buf, len, "%s: %llu pages", what, (unsigned long long)done);
	if (n < 0 || (size_t)n >= len || elapsed <= 0)
		return n;
	n += snprintf(buf + n, len - n, ", %.0f pages/s", rate);
	if ((size_t)n >= len || !total || done >= total || rate <= 0)
		return n;
	duration(left, sizeof(left), (double)(total - done) / rate);
	return n + snprintf(buf + n, len - n, ", %s left", left);
}

void progress_show(struct progress *p, const char *what, uint64_t done,
		   uint64_t total, bool force)
{
	struct timespec now;
	char line[160];

	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && seconds_between(&p->last, &now) < 0.1)
		return;
	p->last = now;
	progress_format(line, sizeof(line), what, done, total, seconds_between(&p->start, &now));
	/* carriage return, the line, erase to its end */
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->shown = true;
}

void progress_end(struct progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = false;
}

static void poll_once(struct progress_poll *pp)
{
	uint64_t done, total;

	if (pp->read(pp->arg, &done, &total) == 0)
		progress_show(&pp->p, pp->what, done, total, true);
}

static void *poll_thread(void *arg)
{
	struct progress_poll *pp = arg;
	struct timespec deadline;

	pthread_mutex_lock(&pp->lock);
	while (!pp->stop) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_nsec += 500000000L;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
		while (!pp->stop &&
		       pthread_cond_timedwait(&pp->cond, &pp->lock, &deadline) == 0)
			;
		if (!pp->stop)
			poll_once(pp);
	}
	pthread_mutex_unlock(&pp->lock);
	return NULL;
}

void progress_poll_start(struct progress_poll *pp, const struct cli *cli, const char *device,
			 const char *work, progress_read_fn read, void *arg)
{
	pthread_condattr_t attr;

	*pp = (struct progress_poll){ .read = read, .arg = arg };
	snprintf(pp->what, sizeof(pp->what), "%s: %s", device, work);
	progress_init(&pp->p, cli);
	if (!pp->p.on)
		return;
	/* the line is there from the start, however short the work */
	poll_once(pp);
	pthread_mutex_init(&pp->lock, NULL);
	/* Half-second redraws on the monotonic clock: a clock that is set
	 * (time sync) neither hurries nor stalls them. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&pp->cond, &attr);
	pthread_condattr_destroy(&attr);
	pp->running = pthread_create(&pp->thread, NULL, poll_thread, pp) == 0;
}

void progress_poll_stop(struct progress_poll *pp)
{
	if (!pp->running)
		return;
	pthread_mutex_lock(&pp->lock);
	pp->stop = true;
	pthread_cond_signal(&pp->cond);
	pthread_mutex_unlock(&pp->lock);
	pthread_join(pp->thread, NULL);
	pthread_mutex_destroy(&pp->lock);
	pthread_cond_destroy(&pp->cond);
	pp->running = false;
	progress_end(&pp->p);
}
