// SPDX-License-Identifier: GPL-2.0-or-later
/* stats --pid PID...: the kernel's swap-in delay per process (taskstats). */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "dlopen.h"
#include "stats.h"

int stats_pids(struct cli *cli, const int *pids, size_t npids, bool json)
{
	struct zswapctl_taskstats *ts = NULL;
	_Bool off = false;
	json_object *root = NULL, *arr = NULL;
	char *acct = NULL;
	int r, rc = EXIT_OK;

	r = zswapctl_taskstats_new(cli->ctx, &ts);
	if (r == -ENOTSUP) {
		cli_error("stats --pid: the running kernel has no taskstats (CONFIG_TASKSTATS)");
		return EXIT_UNSUPPORTED;
	}
	if (r == -ENOPKG) {
		cli_error("stats --pid: %s", dl_missing(DL_LIBNL_GENL));
		return EXIT_FAILED;
	}
	if (r < 0) {
		cli_error("stats --pid: taskstats: %s", strerror(-r));
		return EXIT_FAILED;
	}
	if (zswapctl_sysctl_read(cli->ctx, "kernel.task_delayacct", &acct) == 0)
		off = strcmp(acct, "1") != 0;
	free(acct);
	if (off)
		cli_warn(cli, "delay accounting is off, so the counts do not move; turn it "
			      "on with 'sysctl kernel.task_delayacct=1' (or boot with delayacct)");
	if (json) {
		root = json_object_new_object();
		arr = json_object_new_array();
		json_object_object_add(root, "task_delayacct", json_object_new_boolean(!off));
		json_object_object_add(root, "processes", arr);
	} else {
		printf("%8s %12s %14s %12s\n", "PID", "SWAPIN", "DELAY-TOTAL", "DELAY-MEAN");
	}
	for (size_t i = 0; i < npids; i++) {
		uint64_t count, delay;
		int pid = pids[i];

		r = zswapctl_taskstats_swapin(ts, pid, true, &count, &delay);
		if (r < 0) {
			cli_error("stats --pid %d: %s", pid,
				  r == -ESRCH ? "no such process" : strerror(-r));
			rc = EXIT_FAILED;
			continue;
		}
		if (json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "pid", json_object_new_int64(pid));
			json_object_object_add(o, "swapin_count", json_object_new_int64((int64_t)count));
			json_object_object_add(o, "swapin_delay_total_ns",
					       json_object_new_int64((int64_t)delay));
			json_object_object_add(o, "swapin_delay_mean_ns",
					       count ? json_object_new_double((double)delay / (double)count) :
						       NULL);
			json_object_array_add(arr, o);
		} else {
			char mean[32];

			if (count)
				snprintf(mean, sizeof(mean), "%.2fus",
					 (double)delay / (double)count / 1000.0);
			else
				snprintf(mean, sizeof(mean), "-");
			printf("%8d %12llu %12.1fus %12s\n", pid, (unsigned long long)count,
			       (double)delay / 1000.0, mean);
		}
	}
	if (json) {
		cli_print_json(root, JSON_C_TO_STRING_PRETTY);
		json_object_put(root);
	}
	zswapctl_taskstats_unref(ts);
	return rc;
}
