// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `stats --format=prometheus`: text exposition format for node_exporter's
 * textfile collector. One HELP/TYPE pair per family, all samples of a
 * family together, units in base units (bytes, seconds) as Prometheus
 * naming asks, unknown values left out (the format has no null).
 */
#include <string.h>

#include <time.h>

#include "maintain.h"
#include "stats.h"

struct family {
	char name[128];
	double scale; /* kernel unit -> base unit */
};

/* Cuts SUFFIX off the end of NAME, if it is there. */
static bool cut_suffix(char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	if (n <= k || strcmp(name + n - k, suffix))
		return false;
	name[n - k] = '\0';
	return true;
}

/*
 * The family name of a kernel field, as the Prometheus naming guide asks:
 * zswapctl_GROUP_FIELD, the group not repeated (bd_stat's bd_reads is
 * zswapctl_bd_reads_...), the kernel's unit word replaced by the base unit
 * (_ns, _ticks, sectors -> _seconds, _bytes; percent -> _ratio), "pages"
 * once, and _total only on counters (mm_stat's mem_used_total is a gauge).
 * zswapctl(8), METRICS, lists every name.
 */
static void family_of(const char *group_key, const struct zswapctl_field *f,
		      struct family *fam)
{
	const char *field = zswapctl_field_get_name(f);
	const char *suffix = "";
	size_t gl = strlen(group_key);
	char base[96];

	if (!strncmp(field, group_key, gl) && field[gl] == '_')
		field += gl + 1;
	snprintf(base, sizeof(base), "%s", field);
	cut_suffix(base, "_total");
	fam->scale = 1;
	switch (zswapctl_field_get_unit(f)) {
	case ZSWAPCTL_UNIT_BYTES:
		suffix = "_bytes";
		break;
	case ZSWAPCTL_UNIT_PAGES:
		suffix = strstr(base, "pages") ? "" : "_pages";
		break;
	case ZSWAPCTL_UNIT_SECTORS:
		cut_suffix(base, "_sectors");
		suffix = "_bytes";
		fam->scale = 512;
		break;
	case ZSWAPCTL_UNIT_MS:
		suffix = cut_suffix(base, "_ticks") ? "_time_seconds" : "_seconds";
		fam->scale = 1e-3;
		break;
	case ZSWAPCTL_UNIT_US:
		suffix = "_seconds";
		fam->scale = 1e-6;
		break;
	case ZSWAPCTL_UNIT_NS:
		cut_suffix(base, "_ns");
		suffix = "_seconds";
		fam->scale = 1e-9;
		break;
	case ZSWAPCTL_UNIT_PERCENT_X100:
		suffix = "_ratio";
		fam->scale = 1e-4;
		break;
	case ZSWAPCTL_UNIT_COUNT:
		break;
	}
	snprintf(fam->name, sizeof(fam->name), "zswapctl_%s_%s%s%s", group_key, base, suffix,
		 zswapctl_field_is_monotonic(f) ? "_total" : "");
}

static void print_header(const char *name, const char *type, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/*
 * NAME="VALUE", the value escaped as the exposition format requires
 * (backslash, double quote, newline), whole whatever its length.
 */
static void print_label(const char *name, const char *value)
{
	printf("%s=\"", name);
	for (; *value; value++) {
		if (*value == '\\' || *value == '"')
			printf("\\%c", *value);
		else if (*value == '\n')
			fputs("\\n", stdout);
		else
			putchar(*value);
	}
	putchar('"');
}

/* A sample's name and labels: {device="zram0"} for a device's, none for
 * the system's. */
static void print_sample_name(const char *name, const struct dev_snapshot *d)
{
	fputs(name, stdout);
	if (!d)
		return;
	putchar('{');
	print_label("device", zswapctl_dev_get_name(d->dev));
	putchar('}');
}

static void print_value(const struct family *fam, const struct dev_snapshot *d, uint64_t v)
{
	print_sample_name(fam->name, d);
	if (fam->scale == 1)
		printf(" %llu\n", (unsigned long long)v);
	else
		printf(" %.9g\n", (double)v * fam->scale);
}

static void print_device_groups(const struct snapshot *s)
{
	for (size_t g = 0; g < DEV_GROUPS; g++) {
		const char *key = zswapctl_group_key(dev_groups[g]);

		for (size_t i = 0; i < zswapctl_group_nfields(dev_groups[g]); i++) {
			const struct zswapctl_field *f = zswapctl_group_field(dev_groups[g], i);
			bool header = false;
			struct family fam;

			family_of(key, f, &fam);
			for (size_t k = 0; k < s->ndevs; k++) {
				uint64_t v;

				if (!s->devs[k].groups[g] ||
				    zswapctl_counters_get(s->devs[k].groups[g], i, &v) < 0)
					continue;
				if (!header) {
					print_header(fam.name, zswapctl_field_is_monotonic(f) ? "counter" : "gauge", zswapctl_field_get_help(f));
					header = true;
				}
				print_value(&fam, &s->devs[k], v);
			}
		}
	}
}

/* Per-device state as gauges; get() prints the value into buf and returns
 * false where a device has no such value (not swap, a kernel without the
 * switch). Unsigned values print unsigned, however large. */
struct device_gauge {
	const char *name;
	const char *help;
	bool (*get)(const struct dev_snapshot *d, char *buf, size_t len);
};

static bool get_disksize(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)d->disksize);
	return d->have_disksize;
}

static bool get_swap_active(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%d", d->swap_active ? 1 : 0);
	return true;
}

static bool get_swap_size(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)d->swap.size);
	return d->swap_active;
}

static bool get_swap_used(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)d->swap.used);
	return d->swap_active;
}

static bool get_swap_priority(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%d", d->swap.priority);
	return d->swap_active;
}

static bool get_swap_ops(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%d", d->swap_ops);
	return d->swap_ops >= 0;
}

/* `zswapctl maintain`, for a device it has run for. */
static bool get_maintain_last_round(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)d->maintain.last_round);
	return d->have_maintain && d->maintain.last_round;
}

static bool get_maintain_last_written(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)d->maintain.last_written);
	return d->have_maintain && d->maintain.last_round;
}

static bool get_maintain_written_today(const struct dev_snapshot *d, char *buf, size_t len)
{
	uint64_t written, left;

	maintain_today(&d->maintain, d->policy, (uint64_t)time(NULL), &written, &left);
	snprintf(buf, len, "%llu", (unsigned long long)written);
	return d->have_maintain;
}

static bool get_maintain_daily_left(const struct dev_snapshot *d, char *buf, size_t len)
{
	uint64_t written, left;

	maintain_today(&d->maintain, d->policy, (uint64_t)time(NULL), &written, &left);
	snprintf(buf, len, "%llu", (unsigned long long)left);
	return d->have_maintain && left != MAINTAIN_UNLIMITED;
}

static bool get_maintain_next_round(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)
		 maintain_next_round_at(d->policy, &d->maintain, (uint64_t)time(NULL)));
	return d->have_maintain && d->policy;
}

static const struct device_gauge device_gauges[] = {
	{ "zswapctl_device_disksize_bytes", "Device size (uncompressed limit)", get_disksize },
	{ "zswapctl_swap_active", "1 when the device is active swap", get_swap_active },
	{ "zswapctl_swap_size_bytes", "Size of the swap area", get_swap_size },
	{ "zswapctl_swap_used_bytes", "Swap space in use", get_swap_used },
	{ "zswapctl_swap_priority", "Swap priority", get_swap_priority },
	{ "zswapctl_swap_ops_enabled", "1 when swap I/O goes through swap_ops, 0 when through bios",
	  get_swap_ops },
	{ "zswapctl_maintain_last_round_timestamp_seconds",
	  "When zswapctl maintain last ran a writeback round (Unix time)", get_maintain_last_round },
	{ "zswapctl_maintain_last_round_written_bytes",
	  "Bytes the last writeback round of zswapctl maintain wrote back", get_maintain_last_written },
	{ "zswapctl_maintain_written_today_bytes",
	  "Bytes zswapctl maintain wrote back in the current 24 h budget day",
	  get_maintain_written_today },
	{ "zswapctl_maintain_daily_left_bytes",
	  "Bytes left of the daily writeback budget of zswapctl maintain", get_maintain_daily_left },
	{ "zswapctl_maintain_next_round_timestamp_seconds",
	  "When the next round of zswapctl maintain is due (Unix time)", get_maintain_next_round },
};

static void print_device_state(const struct snapshot *s)
{
	if (!s->ndevs)
		return;
	print_header("zswapctl_device_info", "gauge",
		     "zram device configuration (value is always 1)");
	for (size_t k = 0; k < s->ndevs; k++) {
		const struct dev_snapshot *d = &s->devs[k];

		fputs("zswapctl_device_info{", stdout);
		print_label("device", zswapctl_dev_get_name(d->dev));
		putchar(',');
		print_label("algorithm", d->algs && zswapctl_algorithms_get_selected(d->algs) ?
					    zswapctl_algorithms_get_selected(d->algs) : "");
		putchar(',');
		print_label("backing_dev", d->backing_dev ? d->backing_dev : "none");
		fputs("} 1\n", stdout);
	}
	for (size_t g = 0; g < sizeof(device_gauges) / sizeof(device_gauges[0]); g++) {
		const struct device_gauge *dg = &device_gauges[g];
		bool header = false;

		for (size_t k = 0; k < s->ndevs; k++) {
			char v[32];

			if (!dg->get(&s->devs[k], v, sizeof(v)))
				continue;
			if (!header) {
				print_header(dg->name, "gauge", dg->help);
				header = true;
			}
			print_sample_name(dg->name, &s->devs[k]);
			printf(" %s\n", v);
		}
	}
}

static void print_system_group(const struct zswapctl_counters *c)
{
	const struct zswapctl_field *f;
	uint64_t v;
	int known;

	for (size_t i = 0; (known = counters_field(c, i, &f, &v)) >= 0; i++) {
		struct family fam;

		if (!known)
			continue;
		family_of(zswapctl_group_key(zswapctl_counters_get_group(c)), f, &fam);
		print_header(fam.name, zswapctl_field_is_monotonic(f) ? "counter" : "gauge", zswapctl_field_get_help(f));
		print_value(&fam, NULL, v);
	}
}

int stats_print_prometheus(const struct snapshot *cur)
{
	print_device_state(cur);
	print_device_groups(cur);
	print_system_group(cur->vmstat);
	print_system_group(cur->psi);
	return 0;
}
