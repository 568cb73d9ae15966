// SPDX-License-Identifier: GPL-2.0-or-later
/* `stats --json`: the versioned document of interface.md (schema 1). */
#include <errno.h>
#include <json-c/json.h>
#include <stdint.h>
#include <string.h>

#include "maintain.h"
#include "stats.h"
#include "util.h"

#define STATS_SCHEMA_VERSION 1

/*
 * Every key of this document is a literal or a name in the library's static
 * tables (counter fields, groups), and each is added once to its object:
 * json-c need neither copy it nor look for an earlier one. A copied key is
 * a heap allocation, and a document of a few hundred keys then fills
 * heap pages that each cost a page fault.
 */
static void add_constant_key(struct json_object *o, const char *key, struct json_object *value)
{
	json_object_object_add_ex(o, key, value,
				  JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT);
}

static struct json_object *json_u64_or_null(int r, uint64_t v)
{
	return r == 0 ? cli_json_u64(v) : NULL;
}

static struct json_object *json_double_or_null(int r, double v)
{
	return r == 0 ? cli_json_double(v) : NULL;
}

/* Values of group G, every one null when C is NULL (the file is absent but
 * the group's keys must be there); PSI averages become percentages with
 * two decimals. */
static struct json_object *group_fields(enum zswapctl_group g,
					const struct zswapctl_counters *c)
{
	struct json_object *o = json_object_new_object();

	for (size_t i = 0; i < zswapctl_group_nfields(g); i++) {
		const struct zswapctl_field *f = zswapctl_group_field(g, i);
		uint64_t v = 0;
		int r = c ? zswapctl_counters_get(c, i, &v) : -ENODATA;

		if (r == 0 && zswapctl_field_get_unit(f) == ZSWAPCTL_UNIT_PERCENT_X100)
			add_constant_key(o, zswapctl_field_get_name(f),
					       cli_json_double((double)v / 100.0));
		else
			add_constant_key(o, zswapctl_field_get_name(f), json_u64_or_null(r, v));
	}
	return o;
}

/* A group's values, null when the kernel has no such file. */
static struct json_object *group_values(const struct zswapctl_counters *c)
{
	return c ? group_fields(zswapctl_counters_get_group(c), c) : NULL;
}

/* Deltas of the monotonic fields, or per-second rates when elapsed > 0. */
static struct json_object *group_deltas(const struct zswapctl_counters *cur,
					const struct zswapctl_counters *prev,
					double per_seconds)
{
	const struct zswapctl_field *f;
	struct json_object *o;
	uint64_t v;

	if (!cur)
		return NULL;
	o = json_object_new_object();
	for (size_t i = 0; counters_field(cur, i, &f, &v) >= 0; i++) {
		uint64_t d;
		int r;

		if (!zswapctl_field_is_monotonic(f))
			continue;
		r = counters_delta(cur, prev, i, &d);
		if (per_seconds > 0)
			add_constant_key(o, zswapctl_field_get_name(f),
					       json_double_or_null(r, (double)d / per_seconds));
		else
			add_constant_key(o, zswapctl_field_get_name(f), json_u64_or_null(r, d));
	}
	return o;
}

static struct json_object *device_swap(const struct dev_snapshot *d)
{
	struct json_object *o = json_object_new_object();

	add_constant_key(o, "active", json_object_new_boolean(d->swap_active));
	add_constant_key(o, "priority",
			       d->swap_active ? cli_json_i64(d->swap.priority) : NULL);
	add_constant_key(o, "size", json_u64_or_null(d->swap_active ? 0 : -1, d->swap.size));
	add_constant_key(o, "used", json_u64_or_null(d->swap_active ? 0 : -1, d->swap.used));
	return o;
}

static struct json_object *device_derived(const struct dev_snapshot *d)
{
	struct zswapctl_counters *ops = dev_snapshot_group(d, ZSWAPCTL_GROUP_SWAP_OPS);
	struct json_object *o = json_object_new_object();
	uint64_t orig, compr, total;
	int have_orig = dev_snapshot_get(d, ZSWAPCTL_GROUP_MM, "orig_data_size", &orig);
	int have_compr = dev_snapshot_get(d, ZSWAPCTL_GROUP_MM, "compr_data_size", &compr);
	int have_total = dev_snapshot_get(d, ZSWAPCTL_GROUP_MM, "mem_used_total", &total);

	add_constant_key(o, "compression_ratio",
			       have_orig == 0 && have_compr == 0 && compr ?
				       cli_json_double((double)orig / (double)compr) : NULL);
	/* Negative when zram costs more than it stores (metadata, tiny data);
	 * unknown when a counter is beyond what a signed difference holds. */
	add_constant_key(o, "saved_bytes",
			       have_orig == 0 && have_total == 0 && orig <= INT64_MAX &&
					       total <= INT64_MAX ?
				       cli_json_i64((int64_t)orig - (int64_t)total) : NULL);
	for (size_t i = 0; i < PATH_MEANS; i++) {
		double mean;
		int r = swap_ops_mean_ns(ops, path_means[i].ns_field, path_means[i].pages_field, &mean);

		add_constant_key(o, path_means[i].name, json_double_or_null(r, mean));
	}
	return o;
}

static struct json_object *device_object(const struct dev_snapshot *d,
					 const struct dev_snapshot *prev,
					 double elapsed, time_t now)
{
	struct json_object *o = json_object_new_object();
	struct json_object *ops;

	add_constant_key(o, "name", json_object_new_string(zswapctl_dev_get_name(d->dev)));
	add_constant_key(o, "disksize", json_u64_or_null(d->have_disksize ? 0 : -1, d->disksize));
	add_constant_key(o, "algorithm",
			       d->algs && zswapctl_algorithms_get_selected(d->algs) ?
				       json_object_new_string(zswapctl_algorithms_get_selected(d->algs)) :
				       NULL);
	if (d->algs) {
		struct json_object *a = json_object_new_array();
		const char *name;

		zswapctl_algorithms_foreach(d->algs, name)
			json_object_array_add(a, json_object_new_string(name));
		add_constant_key(o, "algorithms_available", a);
	} else {
		add_constant_key(o, "algorithms_available", NULL);
	}
	add_constant_key(o, "backing_dev",
			       d->backing_dev ? json_object_new_string(d->backing_dev) : NULL);
	add_constant_key(o, "backing_encrypted", d->backing_encrypted >= 0 ?
			       json_object_new_boolean(d->backing_encrypted) : NULL);
	add_constant_key(o, "writeback_supported", json_object_new_boolean(d->have_backing_attr));
	add_constant_key(o, "swap", device_swap(d));
	add_constant_key(o, "mm", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_MM)));
	add_constant_key(o, "io", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_IO)));
	add_constant_key(o, "bd", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_BD)));
	add_constant_key(o, "debug", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_DEBUG)));

	/* swap_ops: the switch and its counters, null on a kernel without them. */
	if (d->swap_ops >= 0) {
		/* The switch without its statistics: every counter unknown. */
		ops = group_fields(ZSWAPCTL_GROUP_SWAP_OPS,
				   dev_snapshot_group(d, ZSWAPCTL_GROUP_SWAP_OPS));
		add_constant_key(ops, "enabled", json_object_new_boolean(d->swap_ops));
	} else {
		ops = NULL;
	}
	add_constant_key(o, "swap_ops", ops);
	add_constant_key(o, "block", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_BLOCK)));
	add_constant_key(o, "derived", device_derived(d));
	add_constant_key(o, "maintain", d->have_maintain
			       ? maintain_summary_to_json(d->policy, &d->maintain, (uint64_t)now)
			       : NULL);

	if (prev) {
		struct json_object *delta = json_object_new_object();
		struct json_object *rate = json_object_new_object();

		for (size_t g = 0; g < DEV_GROUPS; g++) {
			const char *key = zswapctl_group_key(dev_groups[g]);

			add_constant_key(delta, key, group_deltas(d->groups[g], prev->groups[g], 0));
			add_constant_key(rate, key, group_deltas(d->groups[g], prev->groups[g], elapsed));
		}
		add_constant_key(o, "delta", delta);
		add_constant_key(o, "rate", rate);
	}
	return o;
}

/* V in WIDTH digits at P, then SEP; past them. */
static char *utc_field(char *p, uint64_t v, int width, char sep)
{
	put_decimal(p + width, v, width);
	p[width] = sep;
	return p + width + 1;
}

/*
 * "YYYY-MM-DDThh:mm:ssZ". Not gmtime_r() and strftime(): glibc loads the
 * local time zone (/etc/localtime) on the first call of either, a file
 * read that UTC does not need on every run. Nor printf's zero padding,
 * whose code is a page of libc no other part of stats touches (a page
 * fault). Days to a civil date as in Howard Hinnant's chrono-compatible
 * date algorithms; years 0 to 9999 (a time_t beyond is not a clock).
 */
static void format_utc(time_t t, char buf[static 21])
{
	long long days = t / 86400, secs = t % 86400, era, y;
	unsigned doe, yoe, doy, mp, d, m;
	char *p = buf;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	days += 719468; /* from 1970-01-01 to 0000-03-01 */
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = (unsigned)(days - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = (long long)yoe + era * 400 + (m <= 2);
	if (y < 0)
		y = 0;
	else if (y > 9999)
		y = 9999;
	p = utc_field(p, (uint64_t)y, 4, '-');
	p = utc_field(p, m, 2, '-');
	p = utc_field(p, d, 2, 'T');
	p = utc_field(p, (uint64_t)secs / 3600, 2, ':');
	p = utc_field(p, (uint64_t)secs / 60 % 60, 2, ':');
	p = utc_field(p, (uint64_t)secs % 60, 2, 'Z');
	*p = '\0';
}

int stats_print_json(const struct snapshot *cur, const struct snapshot *prev,
		     bool one_line)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *devs = json_object_new_array();
	int supported = snapshot_swap_ops_supported(cur);
	double elapsed = prev ? snapshot_elapsed(cur, prev) : 0;
	char when[21];

	format_utc(cur->wallclock, when);
	add_constant_key(doc, "schema", cli_json_i64(STATS_SCHEMA_VERSION));
	add_constant_key(doc, "time", json_object_new_string(when));
	add_constant_key(doc, "kernel", cur->kernel ? json_object_new_string(cur->kernel) : NULL);
	add_constant_key(doc, "swap_ops_supported",
			       supported < 0 ? NULL : json_object_new_boolean(supported));
	if (prev)
		add_constant_key(doc, "interval_seconds", cli_json_double(elapsed));
	for (size_t i = 0; i < cur->ndevs; i++)
		json_object_array_add(devs, device_object(&cur->devs[i],
							  prev ? &prev->devs[i] : NULL, elapsed,
							  cur->wallclock));
	add_constant_key(doc, "devices", devs);
	add_constant_key(doc, "vmstat", group_values(cur->vmstat));
	add_constant_key(doc, "psi_memory", group_values(cur->psi));
	if (prev) {
		struct json_object *delta = json_object_new_object();
		struct json_object *rate = json_object_new_object();

		add_constant_key(delta, "vmstat", group_deltas(cur->vmstat, prev->vmstat, 0));
		add_constant_key(delta, "psi_memory", group_deltas(cur->psi, prev->psi, 0));
		add_constant_key(rate, "vmstat", group_deltas(cur->vmstat, prev->vmstat, elapsed));
		add_constant_key(rate, "psi_memory", group_deltas(cur->psi, prev->psi, elapsed));
		add_constant_key(doc, "delta", delta);
		add_constant_key(doc, "rate", rate);
	}
	cli_print_json(doc, one_line ? JSON_C_TO_STRING_PLAIN
				     : JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED);
	json_object_put(doc);
	return 0;
}
