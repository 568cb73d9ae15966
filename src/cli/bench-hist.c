// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench: log2 latency histograms in microseconds, drawn as bcc's
 * biolatency draws them (slot 0 holds 0 and 1, slot k holds 2^k to
 * 2^(k+1) - 1), so that people who read those read these at a glance.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bench.h"

unsigned int log2_slot(uint64_t v)
{
	/* floor(log2(v)), with 0 and 1 sharing slot 0 */
	return v < 2 ? 0 : 63 - (unsigned int)__builtin_clzll(v);
}

void log2_slot_range(unsigned int slot, uint64_t *low, uint64_t *high)
{
	*low = slot ? (uint64_t)1 << slot : 0;
	*high = slot >= 63 ? UINT64_MAX : ((uint64_t)1 << (slot + 1)) - 1;
}

void hist_from_samples(struct log2_hist *h, const struct samples *s)
{
	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < s->n; i++)
		h->count[log2_slot(s->ns[i] / 1000)]++;
	h->total = s->n;
}

bool hist_span(const struct log2_hist *h, unsigned int *first, unsigned int *last)
{
	bool any = false;

	for (unsigned int i = 0; i < HIST_SLOTS; i++) {
		if (!h->count[i])
			continue;
		if (!any)
			*first = i;
		*last = i;
		any = true;
	}
	return any;
}

/* "%9llu -> %-9llu: %-8llu |": the row up to the bar */
#define HIST_PREFIX 34

unsigned int hist_bar_width(int fd)
{
	struct winsize ws;

	if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) < 0 || !ws.ws_col)
		return HIST_BAR_FIXED;
	if (ws.ws_col < HIST_PREFIX + 1 + HIST_BAR_MIN)
		return HIST_BAR_MIN;
	return ws.ws_col - HIST_PREFIX - 1;
}

void hist_print(FILE *f, const struct log2_hist *h, unsigned int first,
		unsigned int last, unsigned int width)
{
	uint64_t max = 0;
	char bar[HIST_BAR_MAX + 1];

	if (width > HIST_BAR_MAX)
		width = HIST_BAR_MAX;
	for (unsigned int i = first; i <= last && i < HIST_SLOTS; i++)
		if (h->count[i] > max)
			max = h->count[i];
	fprintf(f, "%10s%12s: %-8s  %s\n", "usecs", "", "count", "distribution");
	for (unsigned int i = first; i <= last && i < HIST_SLOTS; i++) {
		uint64_t low, high;
		/* rounded, so that a bucket's share of the widest reads true */
		unsigned int n = max ? (unsigned int)((h->count[i] * width + max / 2) / max) : 0;

		/* a bucket with samples always shows */
		if (h->count[i] && !n)
			n = 1;
		memset(bar, '*', n);
		memset(bar + n, ' ', width - n);
		bar[width] = '\0';
		log2_slot_range(i, &low, &high);
		fprintf(f, "%9llu -> %-9llu: %-8llu |%s|\n", (unsigned long long)low,
			(unsigned long long)high, (unsigned long long)h->count[i], bar);
	}
}
