// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench [options] [DEVICE]: swap-in latency per path on a zram swap device,
 * measured so that it can be trusted (see bench-run.c for one round).
 * Sets vm.page-cluster to 0 and turns delay accounting on for the run and
 * restores both, also when it fails or is interrupted.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/wait.h>

#include "bench.h"
#include "dlopen.h"

static int parse_size(const char *arg, size_t min, size_t max, size_t *v)
{
	char *end;
	unsigned long long x;

	errno = 0;
	x = strtoull(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || x < min || x > max)
		return -EINVAL;
	*v = (size_t)x;
	return 0;
}

/* --data KIND[,KIND...]: each of the DATA_KINDS kinds at most once (the
 * pages take turns through the list), no empty item: EXIT_OK, or the
 * usage error, said. */
static int parse_kinds(struct cli *cli, const char *arg, struct bench_opts *o)
{
	const char *p = arg;
	bool seen[DATA_KINDS] = { false };

	o->nkinds = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		char tok[32];
		enum data_kind k;

		if (!len)
			return cli_usage_error(cli, "--data %s: an empty kind; give kinds from "
					       "text, binary, random, same-filled, separated "
					       "by single commas", arg);
		snprintf(tok, sizeof(tok), "%.*s", (int)len, p);
		if (len >= sizeof(tok) || data_kind_parse(tok, &k) < 0)
			return cli_usage_error(cli, "--data %s: unknown kind '%.*s'; give kinds "
					       "from text, binary, random, same-filled, "
					       "separated by commas", arg, (int)len, p);
		if (seen[k])
			return cli_usage_error(cli, "--data %s: %s twice; give each kind once",
					       arg, tok);
		seen[k] = true;
		o->kinds[o->nkinds++] = k;
		if (!p[len])
			return EXIT_OK;
		p += len + 1;
	}
}

/* The zram device of the highest-priority swap area that is one, or NULL:
 * the library's device-name parser decides what is a zram device. */
static struct zswapctl_dev *highest_zram_swap(struct zswapctl_ctx *ctx,
					      const struct zswapctl_swap_list *swaps)
{
	const struct zswapctl_swap_area *area, *best = NULL;
	struct zswapctl_dev *dev, *found = NULL;

	zswapctl_swap_list_foreach(swaps, area) {
		if (best && zswapctl_swap_area_get_priority(area) <=
				    zswapctl_swap_area_get_priority(best))
			continue;
		if (zswapctl_dev_new(ctx, zswapctl_swap_area_get_source(area), &dev) < 0)
			continue;
		zswapctl_dev_unref(found);
		found = dev;
		best = area;
	}
	return found;
}

/* The device every page will go to: active swap, and the only area or the
 * one with the highest priority. */
static int check_swap(struct bench *b, struct zswapctl_dev **devp)
{
	struct zswapctl_swap_list *swaps = NULL;
	const struct zswapctl_swap_area *mine = NULL, *area;
	size_t need = b->opts.pages * harness_page_size();
	uint64_t size, used;
	int r, rc = EXIT_OK;

	r = zswapctl_swap_list_new(b->cli->ctx, &swaps);
	if (r < 0) {
		cli_error("bench: /proc/swaps: %s", strerror(-r));
		return EXIT_FAILED;
	}
	if (!*devp) {
		*devp = highest_zram_swap(b->cli->ctx, swaps);
		if (!*devp) {
			cli_error("bench: no zram device is active swap; set one up "
				  "(zswapctl setup) or name DEVICE");
			rc = EXIT_FAILED;
			goto out;
		}
	}
	mine = zswapctl_swap_list_find_dev(swaps, *devp);
	if (!mine) {
		cli_error("bench: %s is not active swap; set it up first (zswapctl setup, "
			  "or mkswap and swapon)", zswapctl_dev_get_devnode(*devp));
		rc = EXIT_FAILED;
		goto out;
	}
	zswapctl_swap_list_foreach(swaps, area) {
		if (area == mine ||
		    zswapctl_swap_area_get_priority(area) < zswapctl_swap_area_get_priority(mine))
			continue;
		cli_error("bench: %s must be the only swap area or the one with the "
			  "highest priority, but %s has priority %d (%s: %d); swapoff it "
			  "or give %s a higher priority",
			  zswapctl_dev_get_devnode(*devp), zswapctl_swap_area_get_source(area),
			  zswapctl_swap_area_get_priority(area), zswapctl_dev_get_devnode(*devp),
			  zswapctl_swap_area_get_priority(mine), zswapctl_dev_get_name(*devp));
		rc = EXIT_FAILED;
		goto out;
	}
	size = zswapctl_swap_area_get_size(mine);
	used = zswapctl_swap_area_get_used(mine);
	b->swap_used_before = used;
	if (size < used + need + need / 8) {
		cli_error("bench: %s has %llu KiB of swap free; %zu pages need %zu KiB",
			  zswapctl_dev_get_devnode(*devp),
			  (unsigned long long)((size - used) >> 10),
			  b->opts.pages, need >> 10);
		rc = EXIT_FAILED;
	}
out:
	zswapctl_swap_list_unref(swaps);
	return rc;
}

/* With zswap on, MADV_PAGEOUT puts the pages in zswap, in front of the
 * device, and their loads would be timed as the device's zspool reads. */
static int check_zswap(struct bench *b)
{
	bool on;

	if (zswapctl_zswap_get_enabled(b->cli->ctx, &on) < 0 || !on)
		return EXIT_OK; /* no zswap, or off */
	cli_error("bench: zswap is enabled: the pages would go to zswap, not to %s, and "
		  "its loads would be timed as %s's; turn it off for the run (echo N > "
		  "/sys/module/zswap/parameters/enabled, and Y after)",
		  zswapctl_dev_get_devnode(b->dev), zswapctl_dev_get_name(b->dev));
	return EXIT_FAILED;
}

/* A round's pages are all in memory before they are pushed out (one
 * round at a time: each unmaps its pages at its end); they must fit in
 * what is available, less a margin for everything else, or the kernel
 * reclaims (or kills) in the middle of the measurement. */
static int check_memory(struct bench *b)
{
	uint64_t avail, need = (uint64_t)b->opts.pages * harness_page_size();
	int r = zswapctl_meminfo(b->cli->ctx, NULL, &avail);

	if (r < 0) {
		cli_error("bench: /proc/meminfo: %s", strerror(-r));
		return EXIT_FAILED;
	}
	if (need <= avail - avail / 8)
		return EXIT_OK;
	cli_error("bench: %zu pages (%llu KiB) do not fit in memory: %llu KiB available, "
		  "%llu KiB of it to use; give fewer --pages",
		  b->opts.pages, (unsigned long long)(need >> 10),
		  (unsigned long long)(avail >> 10),
		  (unsigned long long)((avail - avail / 8) >> 10));
	return EXIT_FAILED;
}

static void on_signal(int sig)
{
	bench_interrupted = sig;
}

static void catch_signals(bool on)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = on ? on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Sets NAME to VALUE, keeping the old value in *before; *set says whether
 * it must be restored. */
static int set_sysctl(struct bench *b, const char *name, const char *value,
		      char **before, bool *set)
{
	int r = zswapctl_sysctl_read(b->cli->ctx, name, before);

	if (r < 0)
		return r;
	if (!strcmp(*before, value))
		return 0;
	r = zswapctl_sysctl_write(b->cli->ctx, name, value);
	if (r < 0)
		return r;
	*set = true;
	return 0;
}

static int restore(struct bench *b)
{
	int r, rc = EXIT_OK;

	if (b->page_cluster_set) {
		r = zswapctl_sysctl_write(b->cli->ctx, "vm.page-cluster",
					  b->page_cluster_before);
		if (r < 0) {
			cli_error("bench: cannot restore vm.page-cluster to %s: %s",
				  b->page_cluster_before, strerror(-r));
			rc = EXIT_FAILED;
		}
		b->page_cluster_set = false;
	}
	if (b->delayacct_set) {
		r = zswapctl_sysctl_write(b->cli->ctx, "kernel.task_delayacct",
					  b->delayacct_before);
		if (r < 0) {
			cli_error("bench: cannot restore kernel.task_delayacct to %s: %s",
				  b->delayacct_before, strerror(-r));
			rc = EXIT_FAILED;
		}
		b->delayacct_set = false;
	}
	if (b->opts.compare && b->swap_ops_before >= 0) {
		r = zswapctl_dev_set_swap_ops(b->dev, b->swap_ops_before == 1);
		if (r < 0) {
			cli_error("bench: cannot restore %s swap_ops: %s",
				  zswapctl_dev_get_name(b->dev), strerror(-r));
			rc = EXIT_FAILED;
		}
	}
	return rc;
}

static void bench_clear(struct bench *b)
{
	bench_samples_free(b);
	decomp_free(b->decomp);
	zswapctl_taskstats_unref(b->ts);
	harness_pagemap_close(b->pm);
	zswapctl_dev_unref(b->dev);
	free(b->kernel);
	free(b->cpu);
	free(b->algorithm);
	free(b->backing_dev);
	free(b->thp_enabled);
	free(b->thp_defrag);
	free(b->page_cluster_before);
	free(b->delayacct_before);
	free(b->taskstats_problem);
}

/* What the run records about the machine; nothing here is fatal. */
static void record_system(struct bench *b)
{
	struct zswapctl_algorithms *algs = NULL;
	struct zswapctl_ctx *ctx = b->cli->ctx;

	zswapctl_kernel_release(ctx, &b->kernel);
	harness_cpu_model(ctx, &b->cpu);
	harness_thp_read(ctx, "enabled", &b->thp_enabled);
	harness_thp_read(ctx, "defrag", &b->thp_defrag);
	if (zswapctl_dev_read_algorithms(b->dev, &algs) == 0 &&
	    zswapctl_algorithms_get_selected(algs))
		b->algorithm = strdup(zswapctl_algorithms_get_selected(algs));
	zswapctl_algorithms_unref(algs);
}

static int run_sides(struct bench *b)
{
	for (unsigned int round = 0; round < b->opts.rounds; round++) {
		for (size_t k = 0; k < b->nsides; k++) {
			/* ABBA: alternate which side goes first */
			size_t s = (round % 2) ? b->nsides - 1 - k : k;
			int r = bench_round(b, &b->sides[s], round);

			if (bench_interrupted) {
				cli_error("bench: interrupted by signal %d; settings restored",
					  (int)bench_interrupted);
				return EXIT_FAILED;
			}
			if (r < 0 && b->writeback_refused) {
				cli_error("bench: --writeback: this kernel's zram cannot write back "
					  "pages by index (page_index=), only every idle page of "
					  "%s, and %llu KiB of it were in use before the run, "
					  "other processes' pages; use a zram device of the "
					  "bench's own (with a backing device, swap, nothing on it)",
					  zswapctl_dev_get_devnode(b->dev),
					  (unsigned long long)(b->swap_used_before >> 10));
				return EXIT_FAILED;
			}
			if (r < 0) {
				cli_error("bench: round %u (%s): %s", round + 1,
					  b->sides[s].label,
					  r == -EACCES || r == -EPERM ? "permission denied (run as root)" :
					  strerror(-r));
				return EXIT_FAILED;
			}
		}
	}
	return EXIT_OK;
}

/* In the parent: delay accounting on for the run. */
static void enable_delayacct(struct bench *b)
{
	int r = set_sysctl(b, "kernel.task_delayacct", "1", &b->delayacct_before,
			   &b->delayacct_set);

	if (r == -ENOENT)
		b->taskstats_problem = strdup("the kernel has no kernel.task_delayacct "
					      "(CONFIG_TASK_DELAY_ACCT)");
	else if (r < 0)
		b->taskstats_problem = strdup(strerror(-r));
}

/* In the measuring child, which was forked with delay accounting on (a task
 * that existed before it was turned on may have no accounting). */
static void open_taskstats(struct bench *b)
{
	int r;

	if (b->taskstats_problem)
		return;
	r = zswapctl_taskstats_new(b->cli->ctx, &b->ts);
	if (r == -ENOTSUP)
		b->taskstats_problem = strdup("the kernel has no taskstats (CONFIG_TASKSTATS)");
	else if (r == -ENOPKG)
		b->taskstats_problem = strdup(dl_missing(DL_LIBNL_GENL));
	else if (r < 0)
		b->taskstats_problem = strdup(strerror(-r));
}

/* The decompression floor: left out, with a word, when its library is
 * not installed or does not load; the table says when this build has none
 * for the algorithm (decomp_rc). */
static void open_decomp(struct bench *b)
{
	const char *missing = NULL;

	if (b->opts.no_floors)
		return;
	b->decomp_rc = decomp_new(b->algorithm, &b->decomp, &missing);
	if (b->decomp_rc == -ENOPKG)
		cli_warn(b->cli, "bench: no %s decompression floor: %s", b->algorithm,
			 missing);
	else if (b->decomp_rc < 0 && b->decomp_rc != -ENOTSUP)
		cli_warn(b->cli, "bench: no %s decompression floor: %s", b->algorithm,
			 missing ? missing : strerror(-b->decomp_rc));
}

/* Waits for the measuring child, passing on the signals that ask to stop.
 * They are blocked from before the fork and taken with sigwaitinfo(), with
 * SIGCHLD: a signal that came between the fork and a waitpid() would
 * otherwise interrupt nothing and be lost, and the child run to its end. */
static int wait_child(pid_t pid, const sigset_t *wait_set)
{
	int status, sig;

	for (;;) {
		sig = sigwaitinfo(wait_set, NULL);
		if (sig < 0) {
			if (errno == EINTR)
				continue;
			cli_error("bench: sigwaitinfo: %s", strerror(errno));
			return EXIT_FAILED;
		}
		if (sig != SIGCHLD) {
			bench_interrupted = sig;
			kill(pid, sig);
			continue;
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	cli_error("bench: the measuring process died of signal %d; settings restored",
		  WTERMSIG(status));
	return EXIT_FAILED;
}

/* The measurement runs in a child, so that the parent restores the
 * settings whatever happens to it. */
static int measure_in_child(struct bench *b)
{
	sigset_t wait_set, old_mask;
	pid_t pid;
	int r, rc;

	/* catch_signals()' three, and the child's end */
	sigemptyset(&wait_set);
	sigaddset(&wait_set, SIGINT);
	sigaddset(&wait_set, SIGTERM);
	sigaddset(&wait_set, SIGHUP);
	sigaddset(&wait_set, SIGCHLD);
	fflush(stdout);
	fflush(stderr);
	sigprocmask(SIG_BLOCK, &wait_set, &old_mask);
	pid = fork();
	if (pid < 0) {
		cli_error("bench: fork: %s", strerror(errno));
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		return EXIT_FAILED;
	}
	if (pid == 0) {
		/* The child takes its signals through catch_signals()'
		 * handler, as before the fork. */
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		r = harness_pagemap_open(b->cli->ctx, &b->pm);
		if (r < 0) {
			cli_error("bench: /proc/self/pagemap: %s", strerror(-r));
			rc = EXIT_FAILED;
		} else {
			open_taskstats(b);
			open_decomp(b);
			rc = bench_interrupted ? EXIT_FAILED : run_sides(b);
		}
		if (rc == EXIT_OK) {
			if (b->opts.json)
				bench_print_json(b);
			else
				bench_print_table(b);
		}
		rc = cli_close_stdout(rc);
		b->opts.compare = false; /* the parent restores swap_ops */
		bench_clear(b);
		zswapctl_ctx_unref(b->cli->ctx);
		/* A forked child ends here, without the parent's atexit
		 * handlers or a second flush of its stdio buffers. */
		_exit(rc);
	}
	rc = wait_child(pid, &wait_set);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return rc;
}

static int cmd_bench(struct cli *cli, int argc, char **argv)
{
	const struct option options[] = {
		{ "pages", required_argument, NULL, 'n' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "data", required_argument, NULL, 'd' },
		{ "compare", no_argument, NULL, 'c' },
		{ "writeback", optional_argument, NULL, 'w' },
		{ "seed", required_argument, NULL, 's' },
		{ "no-floors", no_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct bench b = { .cli = cli };
	size_t v, rounds = 0;
	bool on;
	int c, r, rc;

	b.opts.pages = 4096;
	b.opts.kinds[0] = DATA_TEXT;
	b.opts.kinds[1] = DATA_BINARY;
	b.opts.nkinds = 2;
	b.opts.seed = 1;
	b.swap_ops_before = -1;
	while ((c = cli_getopt(cli, argc, argv, "n:r:d:cw::s:Jh", options)) != -1) {
		switch (c) {
		case 'n':
			if (parse_size(optarg, 16, (size_t)1 << 26, &b.opts.pages) < 0)
				return cli_usage_error(cli, "--pages %s: give a number of pages, "
						       "16 to %zu", optarg, (size_t)1 << 26);
			break;
		case 'r':
			if (parse_size(optarg, 1, 1000, &rounds) < 0)
				return cli_usage_error(cli, "--rounds %s: give 1 to 1000", optarg);
			break;
		case 'd':
			rc = parse_kinds(cli, optarg, &b.opts);
			if (rc != EXIT_OK)
				return rc;
			break;
		case 'c':
			b.opts.compare = true;
			break;
		case 'w':
			b.opts.writeback = 50;
			if (optarg) {
				/* an optional argument is attached: -w=30 gives "=30" */
				if (optarg[0] == '=')
					return cli_usage_error(cli, "%s: the percentage follows -w "
							       "without '=' (-w%s) or --writeback= "
							       "(--writeback%s)", argv[optind - 1],
							       optarg + 1, optarg);
				if (parse_size(optarg, 1, 100, &v) < 0)
					return cli_usage_error(cli, "--writeback=%s: give a percentage, "
							       "1 to 100", optarg);
				b.opts.writeback = (int)v;
			}
			break;
		case 's':
			if (parse_size(optarg, 0, SIZE_MAX, &v) < 0)
				return cli_usage_error(cli, "--seed %s: give a whole number", optarg);
			b.opts.seed = v;
			break;
		case 'F':
			b.opts.no_floors = true;
			break;
		default:
			return cli_option_end(cli, c);
		}
	}
	b.opts.json = cli->json;
	if (argc - optind > 1)
		return cli_usage_error(cli, "one DEVICE at most");
	b.opts.rounds = rounds ? (unsigned int)rounds : b.opts.compare ? 3 : 1;

	if (optind < argc) {
		rc = cli_open_device(cli, argv[optind], &b.dev);
		if (rc != EXIT_OK)
			return rc;
	}
	rc = check_swap(&b, &b.dev);
	if (rc == EXIT_OK)
		rc = check_zswap(&b);
	if (rc == EXIT_OK)
		rc = check_memory(&b);
	if (rc != EXIT_OK)
		goto out;

	r = zswapctl_dev_get_swap_ops(b.dev, &on);
	if (r == 0)
		b.swap_ops_before = on;
	else if (r != -ENOTSUP) {
		cli_error("bench: %s swap_ops: %s", zswapctl_dev_get_name(b.dev), strerror(-r));
		rc = EXIT_FAILED;
		goto out;
	}
	if (b.opts.compare && b.swap_ops_before < 0) {
		cli_error("bench: --compare needs the swap_ops switch, which the running "
			  "kernel lacks (no /sys/block/%s/swap_ops: not a kernel with the "
			  "bundled series)", zswapctl_dev_get_name(b.dev));
		rc = EXIT_UNSUPPORTED;
		goto out;
	}
	if (b.opts.writeback) {
		r = zswapctl_dev_read_backing_dev(b.dev, &b.backing_dev);
		if (r == -ENOENT) {
			cli_error("bench: --writeback: this kernel's zram has no writeback "
				  "(CONFIG_ZRAM_WRITEBACK)");
			rc = EXIT_UNSUPPORTED;
			goto out;
		}
		if (r < 0 || !b.backing_dev) {
			cli_error("bench: --writeback: %s has no backing device; set "
				  "backing_dev before disksize", zswapctl_dev_get_name(b.dev));
			rc = EXIT_FAILED;
			goto out;
		}
	}
	record_system(&b);

	if (b.opts.compare) {
		b.sides[0] = (struct bench_side){ .label = "swap_ops", .swap_ops = 1 };
		b.sides[1] = (struct bench_side){ .label = "bio", .swap_ops = 0 };
		b.nsides = 2;
	} else {
		b.sides[0] = (struct bench_side){
			.label = b.swap_ops_before == 1 ? "swap_ops" : "bio",
			.swap_ops = b.swap_ops_before,
		};
		b.nsides = 1;
	}

	catch_signals(true);
	r = set_sysctl(&b, "vm.page-cluster", "0", &b.page_cluster_before,
		       &b.page_cluster_set);
	if (r < 0) {
		cli_error("bench: cannot set vm.page-cluster to 0: %s",
			  r == -EACCES || r == -EPERM ? "permission denied (run as root)" :
			  strerror(-r));
		rc = EXIT_FAILED;
		goto out_restore;
	}
	enable_delayacct(&b);
	rc = measure_in_child(&b);
out_restore:
	if (restore(&b) != EXIT_OK)
		rc = EXIT_FAILED;
	catch_signals(false);
out:
	bench_clear(&b);
	return rc;
}

const struct command command_bench = {
	.name = "bench",
	.run = cmd_bench,
	.summary = "swap-in latency per path, measured",
	.usage = "Usage: zswapctl bench [options] [DEVICE]\n\n"
		 "Swap-in latency of DEVICE (default: the highest-priority zram swap),\n"
		 "per path: zspool, backing-device and same-filled reads.\n\n"
		 "  -n, --pages N          pages per round (default 4096)\n"
		 "  -r, --rounds N         rounds (per side with --compare; default 1, 3)\n"
		 "  -d, --data KIND[,...]  text, binary, random, same-filled, each once\n"
		 "                         (default text,binary; pages take turns)\n"
		 "  -c, --compare          swap_ops on and off in interleaved rounds\n"
		 "  -w, --writeback[=PCT]  write PCT% (default 50) of the pages back to\n"
		 "                         the backing device before reading\n"
		 "                         (-w30 or --writeback=30: no space)\n"
		 "  -s, --seed N           seed of the data and the touch order\n"
		 "      --no-floors        skip the minor-fault and decompression floors\n"
		 "  -J, --json             JSON\n",
};
