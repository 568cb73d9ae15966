// SPDX-License-Identifier: GPL-2.0-or-later
/* `stats` for people: DEVICE GROUP FIELD VALUE [DELTA RATE/s]. */

#include <time.h>

#include "smartcols.h"

#include "maintain.h"
#include "stats.h"

struct table {
	struct libscols_table *tb;
	const struct snapshot *prev;
	double elapsed;
};

static void add_row(struct table *t, const char *device, const char *group,
		    const char *field, const char *value, const char *delta,
		    const char *rate)
{
	struct libscols_line *ln = smartcols.scols_table_new_line(t->tb, NULL);

	if (!ln)
		return;
	smartcols.scols_line_set_data(ln, 0, device);
	smartcols.scols_line_set_data(ln, 1, group);
	smartcols.scols_line_set_data(ln, 2, field);
	smartcols.scols_line_set_data(ln, 3, value);
	if (t->prev) {
		smartcols.scols_line_set_data(ln, 4, delta);
		smartcols.scols_line_set_data(ln, 5, rate);
	}
}

static void add_group(struct table *t, const char *device,
		      const struct zswapctl_counters *c,
		      const struct zswapctl_counters *prev)
{
	const struct zswapctl_field *f;
	uint64_t v;
	int known;

	for (size_t i = 0; (known = counters_field(c, i, &f, &v)) >= 0; i++) {
		const char *group = zswapctl_group_key(zswapctl_counters_get_group(c));
		char value[32] = "-", delta[32] = "", rate[32] = "";
		uint64_t d;

		if (known) {
			if (zswapctl_field_get_unit(f) == ZSWAPCTL_UNIT_PERCENT_X100)
				snprintf(value, sizeof(value), "%llu.%02llu",
					 (unsigned long long)(v / 100),
					 (unsigned long long)(v % 100));
			else
				snprintf(value, sizeof(value), "%llu", (unsigned long long)v);
		}
		if (t->prev && zswapctl_field_is_monotonic(f) && counters_delta(c, prev, i, &d) == 0) {
			snprintf(delta, sizeof(delta), "%llu", (unsigned long long)d);
			snprintf(rate, sizeof(rate), "%.1f", (double)d / t->elapsed);
		}
		add_row(t, device, group, zswapctl_field_get_name(f), value, delta, rate);
	}
}

static void add_device(struct table *t, const struct dev_snapshot *d,
		       const struct dev_snapshot *prev)
{
	const char *name = zswapctl_dev_get_name(d->dev);
	struct zswapctl_counters *ops = dev_snapshot_group(d, ZSWAPCTL_GROUP_SWAP_OPS);
	char buf[64];

	if (d->swap_ops >= 0)
		add_row(t, name, "swap_ops", "enabled", d->swap_ops ? "on" : "off", "", "");
	for (size_t g = 0; g < DEV_GROUPS; g++)
		add_group(t, name, d->groups[g], prev ? prev->groups[g] : NULL);
	if (d->have_maintain) {
		uint64_t written, left;

		maintain_today(&d->maintain, d->policy, (uint64_t)time(NULL), &written, &left);
		add_row(t, name, "maintain", "policy", maintain_policy_name(d->policy), "", "");
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)d->maintain.last_round);
		add_row(t, name, "maintain", "last_round", buf, "", "");
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)written);
		add_row(t, name, "maintain", "written_today", buf, "", "");
		if (left != MAINTAIN_UNLIMITED)
			snprintf(buf, sizeof(buf), "%llu", (unsigned long long)left);
		else
			snprintf(buf, sizeof(buf), "-");
		add_row(t, name, "maintain", "daily_left", buf, "", "");
		if (d->policy) {
			snprintf(buf, sizeof(buf), "%llu", (unsigned long long)
				 maintain_next_round_at(d->policy, &d->maintain, (uint64_t)time(NULL)));
			add_row(t, name, "maintain", "next_round", buf, "", "");
		}
	}
	for (size_t i = 0; ops && i < PATH_MEANS; i++) {
		double mean;

		if (swap_ops_mean_ns(ops, path_means[i].ns_field, path_means[i].pages_field, &mean) == 0)
			snprintf(buf, sizeof(buf), "%.0f", mean);
		else
			snprintf(buf, sizeof(buf), "-");
		add_row(t, name, "derived", path_means[i].name, buf, "", "");
	}
}

int stats_print_table(const struct snapshot *cur, const struct snapshot *prev)
{
	static const char *const headers[] = { "DEVICE", "GROUP", "FIELD", "VALUE", "DELTA", "RATE/s" };
	struct table t = { .prev = prev };
	size_t ncols = prev ? 6 : 4;

	t.tb = smartcols.scols_new_table();
	if (!t.tb)
		return -1;
	if (prev)
		t.elapsed = snapshot_elapsed(cur, prev);
	for (size_t i = 0; i < ncols; i++)
		smartcols.scols_table_new_column(t.tb, headers[i], 0, i >= 3 ? SCOLS_FL_RIGHT : 0);
	for (size_t i = 0; i < cur->ndevs; i++)
		add_device(&t, &cur->devs[i], prev ? &prev->devs[i] : NULL);
	add_group(&t, "-", cur->vmstat, prev ? prev->vmstat : NULL);
	add_group(&t, "-", cur->psi, prev ? prev->psi : NULL);
	smartcols.scols_print_table(t.tb);
	smartcols.scols_unref_table(t.tb);
	return 0;
}
