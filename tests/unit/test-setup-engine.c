// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The setup engine's API: diagnostics reach the callback with file, line
 * and device, nothing is printed; configuration files are found in order;
 * every action of the table prints and reads back; the state journal; the
 * one device-name rule. Runs against a directory tree used as the root.
 */
#include <errno.h>
#include <ftw.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "actions.h"
#include "conf.h"
#include "plan.h"
#include "private.h"
#include "state.h"
#include "tap.h"
#include "tunables.h"
#include "util.h"

#define MAX_DIAGS 16

struct seen {
	size_t n;
	struct {
		enum setup_severity severity;
		char file[512];
		int line;
		int device;
		char message[512];
	} d[MAX_DIAGS];
};

static void collect(const struct setup_diag *d, void *userdata)
{
	struct seen *seen = userdata;

	if (seen->n == MAX_DIAGS)
		return;
	seen->d[seen->n].severity = d->severity;
	snprintf(seen->d[seen->n].file, sizeof(seen->d[0].file), "%s", d->file ? d->file : "");
	seen->d[seen->n].line = d->line;
	seen->d[seen->n].device = d->device;
	snprintf(seen->d[seen->n].message, sizeof(seen->d[0].message), "%s", d->message);
	seen->n++;
}

static char root[256];

static void write_file(const char *rel, const char *text)
{
	char path[512], dir[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (char *p = strchr(path + strlen(root) + 1, '/'); p; p = strchr(p + 1, '/')) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(p - path), path);
		mkdir(dir, 0755);
	}
	f = fopen(path, "we");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void test_diagnostics(struct setup_ctx *s, struct seen *seen)
{
	struct config cfg;
	char path[512];
	int r;

	write_file("/etc/zswapctl.conf", "[zram0]\nsize = 1G\nbogus = 1\n\n[zram1]\ndiscard = maybe\n");
	snprintf(path, sizeof(path), "%s/etc/zswapctl.conf", root);
	seen->n = 0;
	r = config_load(s, NULL, 1ULL << 33, &cfg);
	CHECK(r == -EINVAL, "a bad configuration is -EINVAL (r=%d)", r);
	CHECK(seen->n == 2, "two mistakes, two diagnostics (%zu)", seen->n);
	CHECK(seen->n > 0 && !strcmp(seen->d[0].file, path) && seen->d[0].line == 3 &&
	      seen->d[0].device == 0 && seen->d[0].severity == SETUP_ERROR,
	      "unknown key: file, line 3, zram0 (%s:%d dev %d)", seen->d[0].file,
	      seen->d[0].line, seen->d[0].device);
	CHECK(seen->n > 0 && strstr(seen->d[0].message, "unknown key 'bogus'") &&
	      strstr(seen->d[0].message, "the keys are size, algorithm,"),
	      "the message names the key and the keys of the table: %s", seen->d[0].message);
	CHECK(seen->n > 1 && seen->d[1].line == 6 && seen->d[1].device == 1 &&
	      strstr(seen->d[1].message, "must be one of: no yes once pages"),
	      "bad discard value: line 6, zram1: %s", seen->n > 1 ? seen->d[1].message : "");

	write_file("/etc/zswapctl.conf", "[zram01]\n");
	seen->n = 0;
	r = config_load(s, NULL, 1ULL << 33, &cfg);
	CHECK(r == -EINVAL && seen->n == 1 && seen->d[0].line == 1 &&
	      strstr(seen->d[0].message, "no leading zeros"),
	      "[zram01] is refused as on the command line");
	unlink(path);
}

/* ENOENT from a sysfs write: a missing attribute, except for backing_dev,
 * where the kernel opens the path written (seen at boot: a dm-crypt node
 * not made yet was blamed on the kernel). */
static void test_errno_advice(void)
{
	const char *a = setup_errno_advice(ENOENT, "backing_dev");

	CHECK(strstr(a, "could not open the backing device") && !strstr(a, "attribute"),
	      "backing_dev ENOENT: the device, not the attribute: %s", a);
	a = setup_errno_advice(ENOENT, "comp_algorithm");
	CHECK(strstr(a, "does not have this attribute"), "other ENOENT: the attribute: %s", a);
}

static void test_discovery(struct setup_ctx *s)
{
	struct config_file_list files;
	char want[5][512];
	int r;

	write_file("/usr/lib/zswapctl.conf.d/b.conf", "");
	write_file("/usr/lib/zswapctl.conf.d/a.conf", "");
	write_file("/usr/local/lib/zswapctl.conf.d/a.conf", "");
	write_file("/etc/zswapctl.conf.d/b.conf", "");
	write_file("/run/zswapctl.conf.d/c.conf", "");
	write_file("/etc/zswapctl.conf.d/.hidden.conf", "");
	write_file("/etc/zswapctl.conf.d/notes.txt", "");
	r = config_files_find(s, &files);
	snprintf(want[0], sizeof(want[0]), "%s/usr/local/lib/zswapctl.conf.d/a.conf", root);
	snprintf(want[1], sizeof(want[1]), "%s/etc/zswapctl.conf.d/b.conf", root);
	snprintf(want[2], sizeof(want[2]), "%s/run/zswapctl.conf.d/c.conf", root);
	snprintf(want[3], sizeof(want[3]), "%s/etc/zswapctl.conf", root);
	snprintf(want[4], sizeof(want[4]), "%s/usr/local/lib/zswapctl/zswapctl.conf", root);
	CHECK(r == 0 && files.count == 6, "three main files and three drop-ins (%zu)", files.count);
	CHECK(files.count == 6 && !strcmp(files.paths[1], want[4]) &&
	      !strcmp(files.paths[2], want[3]),
	      "/usr/local/lib/zswapctl/zswapctl.conf second, /etc/zswapctl.conf third");
	CHECK(files.count == 6 && !strcmp(files.paths[3], want[0]) &&
	      !strcmp(files.paths[4], want[1]) && !strcmp(files.paths[5], want[2]),
	      "drop-ins sorted by name, /usr/local/lib masking /usr/lib, /etc masking it");
	config_files_free(&files);
}

/* Each row: named, runnable, its text and JSON agree with the step. */
static void test_action_table(void)
{
	for (int a = 0; a < ACT_MAX; a++) {
		const struct action_info *info = action_info((enum action)a);
		struct step st = { .action = (enum action)a, .dev_id = 7, .attr = "mem_limit",
				   .value = "/var/swapfile", .size = 1 << 20, .priority = 5 };
		struct json_object *o, *v;
		const char *name = NULL;
		unsigned int id = 0;
		char text[256] = "";
		int found = -1;

		CHECK(info && info->name && info->run, "action %d has a row", a);
		if (!info)
			continue;
		o = step_to_json(&st);
		if (json_object_object_get_ex(o, "action", &v))
			name = json_object_get_string(v);
		for (int b = 0; name && b < ACT_MAX; b++)
			if (!strcmp(action_info((enum action)b)->name, name))
				found = found < 0 ? b : ACT_MAX; /* twice: not unique */
		CHECK(found == a, "%s: the JSON action name leads back to its row", info->name);
		CHECK(json_object_object_get_ex(o, "device", &v) ==
		      (info->needs != NEEDS_NOTHING) &&
		      (info->needs == NEEDS_NOTHING ||
		       (zswapctl_parse_dev_name(json_object_get_string(v), &id) == 0 && id == 7)),
		      "%s: a device in JSON exactly when the action is about one", info->name);
		json_object_put(o);
		step_describe(&st, text, sizeof(text));
		CHECK(text[0] && (info->needs == NEEDS_NOTHING || !strncmp(text, "zram7: ", 7)),
		      "%s: text '%s'", info->name, text);
	}
	CHECK(action_info(ACT_MAX) == NULL, "no row past the table");
}

static void test_plan_reports(struct setup_ctx *s, struct seen *seen)
{
	struct config cfg;
	struct plan plan;
	struct plan_options opts = { 0 };
	int r;

	write_file("/sys/module/zswap/parameters/enabled", "Y\n");
	write_file("/proc/sys/vm/page-cluster", "3\n");
	seen->n = 0;
	r = config_load(s, NULL, 1ULL << 33, &cfg);
	CHECK(r == 0 && cfg.embedded_default, "no file: the embedded default");
	if (r < 0)
		return;
	r = plan_compute(s, &cfg, &opts, &plan);
	CHECK(r == SETUP_OK && plan.nsteps > 0 && plan.steps[0].action == ACT_LOAD_MODULE &&
	      !strcmp(plan.steps[0].value, "num_devices=1"),
	      "zram not loaded: the plan loads it first");
	CHECK(seen->n == 1 && seen->d[0].severity == SETUP_WARNING &&
	      strstr(seen->d[0].message, "zswap is enabled"),
	      "the zswap warning goes to the callback (%zu)", seen->n);
	CHECK(plan.nwarnings == 1 && plan.warnings[0].dev_id == -1,
	      "the zswap warning is in the plan, about no device (%zu)", plan.nwarnings);
	CHECK(r == SETUP_OK && plan.steps[plan.nsteps - 1].action == ACT_TUNABLE &&
	      !strcmp(plan.steps[plan.nsteps - 1].value, "0") &&
	      !strcmp(plan.steps[plan.nsteps - 1].old_value, "3"),
	      "the embedded default: vm.page-cluster 3 -> 0, last");
	plan_free(&plan);
	config_free(&cfg);
}

/* A filesystem of 10 GiB free in 4 KiB blocks, wherever it is asked about
 * (the fixture's own free space is whatever the test machine has). */
static char statvfs_asked[4096];

static int fake_statvfs(const char *path, struct statvfs *st)
{
	memset(st, 0, sizeof(*st));
	snprintf(statvfs_asked, sizeof(statvfs_asked), "%s", path);
	st->f_frsize = 4096;
	st->f_bavail = 10ULL << 30 >> 12;
	st->f_bfree = st->f_bavail + 1000; /* the root reserve: not counted */
	return 0;
}

static void test_backing_file_size(struct setup_ctx *s)
{
	struct config_device d = { .backing_file_size = 8ULL << 30 };
	const uint64_t G = 1ULL << 30, M = 1ULL << 20;
	uint64_t avail, existing;
	char dir[512];

	CHECK(plan_backing_file_size(&d, 1 * M, 0) == 8 * G,
	      "no share, no floor: SIZE as written, whatever is free");
	d.backing_file_share = 15;
	CHECK(plan_backing_file_size(&d, 10 * G, 0) == (10 * G / 100 * 15) / 4096 * 4096,
	      "15%% of 10 GiB free: 1.5 GiB, page aligned (%llu)",
	      (unsigned long long)plan_backing_file_size(&d, 10 * G, 0));
	CHECK(plan_backing_file_size(&d, 100 * G, 0) == 8 * G, "15%% of 100 GiB: SIZE caps it");
	d.backing_file_keep_free = 3 * G / 2;
	CHECK(plan_backing_file_size(&d, 2 * G, 0) == (2 * G / 100 * 15) / 4096 * 4096,
	      "2 GiB free, keep 1.5 GiB: the share (300 MiB) is less than the room (512 MiB)");
	d.backing_file_share = 0;
	CHECK(plan_backing_file_size(&d, 2 * G, 0) == G / 2,
	      "keep 1.5 GiB of 2 GiB, no share: the 512 MiB left");
	CHECK(plan_backing_file_size(&d, 3 * G / 2 + M - 4096, 0) == 0,
	      "less than 1 MiB above the floor: too full (0)");
	CHECK(plan_backing_file_size(&d, 3 * G / 2 + M, 0) == M, "exactly 1 MiB above the floor: 1 MiB");
	CHECK(plan_backing_file_size(&d, G, 0) == 0, "less free than the floor: too full (0)");
	CHECK(plan_backing_file_size(&d, G, 700 * M) == 700 * M,
	      "a file already there keeps its size, however full the filesystem is now");
	d.backing_file_size = 512 * M;
	CHECK(plan_backing_file_size(&d, G, 700 * M) == 512 * M,
	      "a file already there, larger than SIZE: SIZE (setup then refuses to resize it)");

	/* The library's half: statvfs of the file's directory under the root. */
	zswapctl_ctx_set_statvfs(s->zctx, fake_statvfs);
	snprintf(dir, sizeof(dir), "%s/srv", root);
	mkdir(dir, 0700);
	CHECK(zswapctl_backing_file_space(s->zctx, "/srv/zram0.img", &avail, &existing) == 0 &&
	      avail == 10 * G && existing == 0,
	      "10 GiB available (f_bavail, not f_bfree), no file yet");
	CHECK(!strcmp(statvfs_asked, dir), "statvfs asked about the directory under the root (%s)",
	      statvfs_asked);
	write_file("/srv/zram0.img", "12345");
	CHECK(zswapctl_backing_file_space(s->zctx, "/srv/zram0.img", &avail, &existing) == 0 &&
	      existing == 5, "the file there: its size");
	CHECK(zswapctl_backing_file_space(s->zctx, "srv/zram0.img", &avail, &existing) == -EINVAL,
	      "a relative path: -EINVAL");
	zswapctl_ctx_set_statvfs(s->zctx, NULL);
}

static void test_state(struct setup_ctx *s)
{
	char *alg, *loop, run[512];

	snprintf(run, sizeof(run), "%s/run", root);
	mkdir(run, 0755);

	CHECK(!state_has(s, 3, STATE_CREATED), "nothing recorded yet");
	CHECK(state_put(s, 3, STATE_CREATED, NULL) == 0 && state_has(s, 3, STATE_CREATED), "created is recorded");
	state_drop(s, 3, STATE_CREATED);
	CHECK(!state_has(s, 3, STATE_CREATED), "and forgotten");
	state_mark_algorithm(s, 3, "lzo-rle");
	state_mark_algorithm(s, 3, "zstd");
	alg = state_algorithm(s, 3);
	CHECK(alg && !strcmp(alg, "lzo-rle"), "the first algorithm recorded stays");
	free(alg);
	alg = state_algorithm(s, 3);
	CHECK(!alg, "reading the algorithm forgets it");
	free(alg);
	state_put(s, 3, STATE_LOOP, "/dev/loop9");
	loop = state_get(s, 3, STATE_LOOP);
	CHECK(loop && !strcmp(loop, "/dev/loop9"), "the loop device reads back");
	free(loop);
	state_drop(s, 3, STATE_LOOP);
	loop = state_get(s, 3, STATE_LOOP);
	CHECK(!loop, "and is forgotten");
	free(loop);
}

static void test_state_tunables(struct setup_ctx *s, struct seen *seen)
{
	char *old = NULL, *written = NULL, path[512], *big;
	bool created = false;
	struct stat sb;

	CHECK(state_mark_tunable(s, "swappiness", "60", "180", &created) == 0 && created,
	      "a tunable's first record is new");
	CHECK(state_mark_tunable(s, "swappiness", "180", "170", &created) == 0 && !created,
	      "the second is not");
	CHECK(state_tunable(s, "swappiness", &old, &written) == 0 && old && written &&
	      !strcmp(old, "60") && !strcmp(written, "170"),
	      "the value from before the first setup stays, the last one written is kept");
	free(old);
	free(written);
	old = written = NULL;

	write_file("/run/zswapctl/system.swappiness", "garbage\n");
	CHECK(state_tunable(s, "swappiness", &old, &written) == -ENOENT && !old && !written,
	      "a record of the wrong shape reads as none, and sets nothing");
	CHECK(state_mark_tunable(s, "swappiness", "60", "180", &created) == 0 && created,
	      "and is replaced");

	/* A record that cannot be read (here: larger than any read) is not
	 * absent: replacing it would lose the value from before setup. */
	snprintf(path, sizeof(path), "%s/run/zswapctl/system.swappiness", root);
	big = calloc(1, 300 * 1024);
	if (big) {
		memset(big, '1', 300 * 1024 - 1);
		write_file("/run/zswapctl/system.swappiness", big);
		free(big);
	}
	CHECK(state_mark_tunable(s, "swappiness", "60", "180", &created) == -EFBIG,
	      "an unreadable record fails the mark");
	CHECK(stat(path, &sb) == 0 && sb.st_size == 300 * 1024 - 1, "and is left as it was");
	seen->n = 0;
	CHECK(tunables_restore(s, NULL, NULL) == -EFBIG && seen->n == 1 &&
	      seen->d[0].severity == SETUP_ERROR &&
	      strstr(seen->d[0].message, "vm.swappiness: cannot read what setup recorded"),
	      "teardown reports the record it cannot read: %s", seen->n ? seen->d[0].message : "");
	CHECK(stat(path, &sb) == 0 && sb.st_size == 300 * 1024 - 1, "and keeps it as it was");
	state_forget_tunable(s, "swappiness");
}

static void test_device_names(void)
{
	static const struct {
		const char *name;
		unsigned int id;
	} good[] = {
		{ "zram0", 0 },
		{ "/dev/zram0", 0 },
		{ "0", 0 },
		{ "/dev/zram7", 7 },
		{ "12", 12 },
		{ "zram1048575", 1048575 },
	};
	static const char *const bad[] = { "zram00", "zram01", "007", "zram1048576", "-1",
					   "zram", "", "zram 1", "+1", "/dev/zram", "zram1x",
					   "/dev/12", "/dev/0" };
	unsigned int id;

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		int r;

		id = ~good[i].id; /* whatever it was, not the answer */
		r = zswapctl_parse_dev_name(good[i].name, &id);
		CHECK(r == 0 && id == good[i].id, "'%s' names device %u (%d, %u)", good[i].name,
		      good[i].id, r, id);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK(zswapctl_parse_dev_name(bad[i], &id) == -EINVAL, "'%s' does not", bad[i]);
}

int main(void)
{
	struct zswapctl_ctx *zctx = NULL;
	struct seen seen = { 0 };
	struct setup_ctx s = { .diag = collect, .userdata = &seen };

	snprintf(root, sizeof(root), "%s/zswapctl-engine.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root) || zswapctl_ctx_new(&zctx) < 0 || zswapctl_ctx_set_root(zctx, root) < 0) {
		CHECK(0, "a root directory and a context");
		return tap_finish();
	}
	s.zctx = zctx;
	test_device_names();
	test_diagnostics(&s, &seen);
	test_errno_advice();
	test_discovery(&s);
	test_action_table();
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	mkdir(root, 0700);
	test_plan_reports(&s, &seen);
	test_state(&s);
	test_state_tunables(&s, &seen);
	test_backing_file_size(&s);
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	zswapctl_ctx_unref(zctx);
	return tap_finish();
}
