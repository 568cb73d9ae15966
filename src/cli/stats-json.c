// SPDX-License-Identifier: GPL-2.0-or-later
/* `stats --json`: the versioned document of interface.md (schema 1). */
#include <errno.h>
#include <json-c/json.h>
#include <stdint.h>
#include <string.h>

#include "maintain.h"
#include "stats.h"

#define STATS_SCHEMA_VERSION 1

static struct json_object *json_u64_or_null(int r, uint64_t v)
{
	return r == 0 ? json_object_new_uint64(v) : NULL;
}

static struct json_object *json_double_or_null(int r, double v)
{
	return r == 0 ? json_object_new_double(v) : NULL;
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
			json_object_object_add(o, zswapctl_field_get_name(f),
					       json_object_new_double((double)v / 100.0));
		else
			json_object_object_add(o, zswapctl_field_get_name(f), json_u64_or_null(r, v));
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
			json_object_object_add(o, zswapctl_field_get_name(f),
					       json_double_or_null(r, (double)d / per_seconds));
		else
			json_object_object_add(o, zswapctl_field_get_name(f), json_u64_or_null(r, d));
	}
	return o;
}

static struct json_object *device_swap(const struct dev_snapshot *d)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "active", json_object_new_boolean(d->swap_active));
	json_object_object_add(o, "priority",
			       d->swap_active ? json_object_new_int(d->swap.priority) : NULL);
	json_object_object_add(o, "size", json_u64_or_null(d->swap_active ? 0 : -1, d->swap.size));
	json_object_object_add(o, "used", json_u64_or_null(d->swap_active ? 0 : -1, d->swap.used));
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

	json_object_object_add(o, "compression_ratio",
			       have_orig == 0 && have_compr == 0 && compr ?
				       json_object_new_double((double)orig / (double)compr) : NULL);
	/* Negative when zram costs more than it stores (metadata, tiny data);
	 * unknown when a counter is beyond what a signed difference holds. */
	json_object_object_add(o, "saved_bytes",
			       have_orig == 0 && have_total == 0 && orig <= INT64_MAX &&
					       total <= INT64_MAX ?
				       json_object_new_int64((int64_t)orig - (int64_t)total) : NULL);
	for (size_t i = 0; i < PATH_MEANS; i++) {
		double mean;
		int r = swap_ops_mean_ns(ops, path_means[i].ns_field, path_means[i].pages_field, &mean);

		json_object_object_add(o, path_means[i].name, json_double_or_null(r, mean));
	}
	return o;
}

static struct json_object *device_object(const struct dev_snapshot *d,
					 const struct dev_snapshot *prev,
					 double elapsed, time_t now)
{
	struct json_object *o = json_object_new_object();
	struct json_object *ops;

	json_object_object_add(o, "name", json_object_new_string(zswapctl_dev_get_name(d->dev)));
	json_object_object_add(o, "disksize", json_u64_or_null(d->have_disksize ? 0 : -1, d->disksize));
	json_object_object_add(o, "algorithm",
			       d->algs && zswapctl_algorithms_get_selected(d->algs) ?
				       json_object_new_string(zswapctl_algorithms_get_selected(d->algs)) :
				       NULL);
	if (d->algs) {
		struct json_object *a = json_object_new_array();
		const char *name;

		zswapctl_algorithms_foreach(d->algs, name)
			json_object_array_add(a, json_object_new_string(name));
		json_object_object_add(o, "algorithms_available", a);
	} else {
		json_object_object_add(o, "algorithms_available", NULL);
	}
	json_object_object_add(o, "backing_dev",
			       d->backing_dev ? json_object_new_string(d->backing_dev) : NULL);
	json_object_object_add(o, "backing_encrypted", d->backing_encrypted >= 0 ?
			       json_object_new_boolean(d->backing_encrypted) : NULL);
	json_object_object_add(o, "writeback_supported", json_object_new_boolean(d->have_backing_attr));
	json_object_object_add(o, "swap", device_swap(d));
	json_object_object_add(o, "mm", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_MM)));
	json_object_object_add(o, "io", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_IO)));
	json_object_object_add(o, "bd", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_BD)));
	json_object_object_add(o, "debug", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_DEBUG)));

	/* swap_ops: the switch and its counters, null on a kernel without them. */
	if (d->swap_ops >= 0) {
		/* The switch without its statistics: every counter unknown. */
		ops = group_fields(ZSWAPCTL_GROUP_SWAP_OPS,
				   dev_snapshot_group(d, ZSWAPCTL_GROUP_SWAP_OPS));
		json_object_object_add(ops, "enabled", json_object_new_boolean(d->swap_ops));
	} else {
		ops = NULL;
	}
	json_object_object_add(o, "swap_ops", ops);
	json_object_object_add(o, "block", group_values(dev_snapshot_group(d, ZSWAPCTL_GROUP_BLOCK)));
	json_object_object_add(o, "derived", device_derived(d));
	json_object_object_add(o, "maintain", d->have_maintain
			       ? maintain_summary_to_json(d->policy, &d->maintain, (uint64_t)now)
			       : NULL);

	if (prev) {
		struct json_object *delta = json_object_new_object();
		struct json_object *rate = json_object_new_object();

		for (size_t g = 0; g < DEV_GROUPS; g++) {
			const char *key = zswapctl_group_key(dev_groups[g]);

			json_object_object_add(delta, key, group_deltas(d->groups[g], prev->groups[g], 0));
			json_object_object_add(rate, key, group_deltas(d->groups[g], prev->groups[g], elapsed));
		}
		json_object_object_add(o, "delta", delta);
		json_object_object_add(o, "rate", rate);
	}
	return o;
}

/*
 * "YYYY-MM-DDThh:mm:ssZ". Not gmtime_r() and strftime(): glibc loads the
 * local time zone (/etc/localtime) on the first call of either, a file
 * read that UTC does not need on every run. Days to a civil date as in
 * Howard Hinnant's chrono-compatible date algorithms.
 */
static void format_utc(time_t t, char *buf, size_t size)
{
	long long days = t / 86400, secs = t % 86400, era, y;
	unsigned doe, yoe, doy, mp, d, m;

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
	snprintf(buf, size, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d, secs / 3600,
		 secs / 60 % 60, secs % 60);
}

int stats_print_json(const struct snapshot *cur, const struct snapshot *prev,
		     bool one_line)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *devs = json_object_new_array();
	int supported = snapshot_swap_ops_supported(cur);
	double elapsed = prev ? snapshot_elapsed(cur, prev) : 0;
	char when[64];

	format_utc(cur->wallclock, when, sizeof(when));
	json_object_object_add(doc, "schema", json_object_new_int(STATS_SCHEMA_VERSION));
	json_object_object_add(doc, "time", json_object_new_string(when));
	json_object_object_add(doc, "kernel", cur->kernel ? json_object_new_string(cur->kernel) : NULL);
	json_object_object_add(doc, "swap_ops_supported",
			       supported < 0 ? NULL : json_object_new_boolean(supported));
	if (prev)
		json_object_object_add(doc, "interval_seconds", json_object_new_double(elapsed));
	for (size_t i = 0; i < cur->ndevs; i++)
		json_object_array_add(devs, device_object(&cur->devs[i],
							  prev ? &prev->devs[i] : NULL, elapsed,
							  cur->wallclock));
	json_object_object_add(doc, "devices", devs);
	json_object_object_add(doc, "vmstat", group_values(cur->vmstat));
	json_object_object_add(doc, "psi_memory", group_values(cur->psi));
	if (prev) {
		struct json_object *delta = json_object_new_object();
		struct json_object *rate = json_object_new_object();

		json_object_object_add(delta, "vmstat", group_deltas(cur->vmstat, prev->vmstat, 0));
		json_object_object_add(delta, "psi_memory", group_deltas(cur->psi, prev->psi, 0));
		json_object_object_add(rate, "vmstat", group_deltas(cur->vmstat, prev->vmstat, elapsed));
		json_object_object_add(rate, "psi_memory", group_deltas(cur->psi, prev->psi, elapsed));
		json_object_object_add(doc, "delta", delta);
		json_object_object_add(doc, "rate", rate);
	}
	cli_print_json(doc, one_line ? JSON_C_TO_STRING_PLAIN
				     : JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED);
	json_object_put(doc);
	return 0;
}
