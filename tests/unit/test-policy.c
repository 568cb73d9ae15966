// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maintenance policy (src/setup/policy.h) driven through days of
 * simulated time: a fake device whose idle data grows, a fake clock that
 * suspends and reboots, memory that comes and goes. What must hold: no
 * round writes more than its budget, no day more than the daily budget
 * (also across reboots), ages follow available memory, an empty round
 * backs off, suspended time is discounted; and the state file parser
 * refuses everything it does not know.
 */
#include <errno.h>
#include <string.h>

#include "policy.h"
#include "tap.h"

#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)
#define HOUR UINT64_C(3600)
#define DAY (24 * HOUR)

static const char boot_a[] = "0f6d1c2e-1111-4a5b-8c9d-0123456789ab";
static const char boot_b[] = "9e8d7c6b-2222-4a5b-8c9d-ba9876543210";

/* A machine in simulated time: its clocks, its memory, its zram device. */
struct sim {
	struct maintain_clock clock;
	char boot_id[40];
	uint64_t suspended_ms;	/* this boot */
	struct maintain_inputs in;
	uint64_t idle_bytes;	/* what a writeback could take now */
	struct maintain_state state;
};

static void sim_boot(struct sim *m, const char *boot_id, uint64_t realtime)
{
	snprintf(m->boot_id, sizeof(m->boot_id), "%s", boot_id);
	m->clock = (struct maintain_clock){ realtime, 0, 0, m->boot_id };
	m->suspended_ms = 0;
}

static void sim_init(struct sim *m)
{
	memset(m, 0, sizeof(*m));
	sim_boot(m, boot_a, 1764547200); /* 2025-12-01 00:00 UTC */
	m->in = (struct maintain_inputs){ .mem_total = 8 * GiB, .mem_available = 4 * GiB,
					  .data_size = 2 * GiB, .has_backing = true,
					  .has_writeback = true, .has_idle_age = true };
}

static void sim_run(struct sim *m, uint64_t seconds)
{
	m->clock.realtime += seconds;
	m->clock.boottime_ms += seconds * 1000;
	m->clock.monotonic_ms += seconds * 1000;
}

static void sim_suspend(struct sim *m, uint64_t seconds)
{
	m->clock.realtime += seconds;
	m->clock.boottime_ms += seconds * 1000;
	m->suspended_ms += seconds * 1000;
}

/* One round as maintain.c runs it: observe, decide, write back what is
 * idle up to the budget, account. Returns what it wrote. */
static uint64_t sim_round(struct sim *m, struct maintain_policy *p, struct maintain_decision *d)
{
	uint64_t wrote = 0;

	maintain_observe(&m->state, &m->clock);
	maintain_decide(p, &m->state, &m->in, &m->clock, d);
	if (d->writeback == SKIP_NONE) {
		wrote = m->idle_bytes < d->budget ? m->idle_bytes : d->budget;
		m->idle_bytes -= wrote;
		maintain_account_writeback(&m->state, &m->clock, wrote);
	}
	if (d->recompress == SKIP_NONE)
		maintain_account_recompress(&m->state, &m->clock);
	return wrote;
}

static void policy_writeback(struct maintain_policy *p)
{
	maintain_policy_init(p);
	p->modes[0] = RECLAIM_HUGE_IDLE;
	p->modes[1] = RECLAIM_IDLE;
	p->modes[2] = RECLAIM_HUGE;
	p->nmodes = 3;
}

static void test_budgets_over_days(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	struct sim m;
	uint64_t day_total = 0, day_begin, max_round = 0, rounds = 0;
	bool round_over = false, day_over = false;

	sim_init(&m);
	policy_writeback(&p);
	p.interval = 600;
	p.round_max = 64 * MiB;
	p.round_min = 4 * MiB;
	p.daily_limit = 1 * GiB;
	day_begin = m.clock.realtime;
	/* Ten days of 10-minute wakeups with far more idle data than the
	 * budgets allow: the budgets alone decide. */
	for (int i = 0; i < 10 * 144; i++) {
		uint64_t w;

		m.idle_bytes += 200 * MiB;
		w = sim_round(&m, &p, &d);
		rounds += w > 0;
		if (w > max_round)
			max_round = w;
		round_over |= w > p.round_max;
		if (m.clock.realtime - day_begin >= DAY) {
			day_over |= day_total > p.daily_limit;
			day_total = 0;
			day_begin = m.clock.realtime;
		}
		day_total += w;
		day_over |= day_total > p.daily_limit;
		sim_run(&m, 600);
	}
	CHECK(!round_over && max_round == 64 * MiB, "no round wrote more than 64 MiB (largest %llu)",
	      (unsigned long long)max_round);
	CHECK(!day_over, "no 24 h wrote more than the daily 1 GiB");
	CHECK(rounds == 10 * 16, "16 rounds of 64 MiB a day for 10 days (got %llu)",
	      (unsigned long long)rounds);
	maintain_policy_free(&p);
}

static void test_daily_budget_survives_reboot(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	struct maintain_state saved;
	char text[MAINTAIN_STATE_MAX];
	struct sim m;
	uint64_t total = 0;
	int len;

	sim_init(&m);
	policy_writeback(&p);
	p.round_max = 256 * MiB;
	p.round_min = 1 * MiB;
	p.daily_limit = 1 * GiB;
	p.interval = 600;
	m.idle_bytes = 100 * GiB;
	for (int i = 0; i < 3; i++) {
		total += sim_round(&m, &p, &d);
		sim_run(&m, 600);
	}
	CHECK(total == 768 * MiB, "three rounds wrote 768 MiB (got %llu)", (unsigned long long)total);

	/* Reboot: the state goes through its file, zram and the clocks
	 * start again, the wall clock goes on. */
	len = maintain_state_format(&m.state, text, sizeof(text));
	CHECK(len > 0 && maintain_state_parse(text, (size_t)len, &saved) == 0,
	      "the state survives its file");
	sim_boot(&m, boot_b, m.clock.realtime + 120);
	m.state = saved;
	for (int i = 0; i < 10; i++) {
		total += sim_round(&m, &p, &d);
		sim_run(&m, 600);
	}
	CHECK(total == 1 * GiB, "after the reboot the day still ends at 1 GiB (got %llu)",
	      (unsigned long long)total);
	CHECK(d.writeback == SKIP_DAILY_LIMIT && d.daily_left == 0,
	      "and the rounds say the daily budget is used up (%s)", maintain_skip_name(d.writeback));
	/* 24 h after the first round the budget is whole again. */
	sim_run(&m, DAY);
	total = sim_round(&m, &p, &d);
	CHECK(total == 256 * MiB && d.daily_left == 1 * GiB, "a day later a full round again");
	maintain_policy_free(&p);
}

static void test_round_share_and_minimum(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	struct sim m;

	sim_init(&m);
	policy_writeback(&p);
	p.round_share = 10;
	p.round_min = 8 * MiB;
	p.round_max = 128 * MiB;
	p.daily_limit = 0;
	m.in.data_size = 500 * MiB;
	maintain_observe(&m.state, &m.clock);
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.budget == 50 * MiB && d.daily_left == MAINTAIN_UNLIMITED,
	      "10%% of 500 MiB is the budget");
	m.in.data_size = 10 * GiB;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.budget == 128 * MiB, "capped at the round maximum");
	m.in.data_size = 1 * MiB;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.budget == 8 * MiB && d.writeback == SKIP_NONE, "raised to the round minimum");

	/* A daily budget whose rest is below the round minimum skips. */
	p.daily_limit = 20 * MiB;
	m.state.day_start = m.clock.realtime;
	m.state.day_written = 15 * MiB;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_BELOW_MIN && d.budget == 5 * MiB,
	      "5 MiB left today is below the 8 MiB minimum: skipped (%s)",
	      maintain_skip_name(d.writeback));

	/* Without a minimum, less than a page left is still nothing to write:
	 * writeback_limit counts pages. */
	p.round_min = 0;
	m.state.day_written = 20 * MiB - 100;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_BELOW_MIN && d.budget == 100,
	      "100 bytes left and no minimum: skipped, below one page (%s)",
	      maintain_skip_name(d.writeback));
	m.state.day_written = 20 * MiB - 4096;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_NONE && d.budget == 4096, "one page left and no minimum: runs");
	maintain_policy_free(&p);
}

static void test_ages_follow_memory(void)
{
	struct age_range r = { 120, DAY };
	uint64_t prev = UINT64_MAX;
	bool falls = true;

	CHECK(maintain_age_for_memory(&r, 8 * GiB, 8 * GiB) == DAY, "all memory free: the maximum");
	CHECK(maintain_age_for_memory(&r, 8 * GiB, 0) < 120 + DAY / 100,
	      "no memory free: within 1%% of the minimum (%llu)",
	      (unsigned long long)maintain_age_for_memory(&r, 8 * GiB, 0));
	CHECK(maintain_age_for_memory(&r, 8 * GiB, 0) >= 120, "never below the minimum");
	for (uint64_t avail = 8 * GiB; avail + 1; avail = avail >= 256 * MiB ? avail - 256 * MiB : (uint64_t)-1) {
		uint64_t a = maintain_age_for_memory(&r, 8 * GiB, avail);

		falls &= a <= prev && a >= r.min && a <= r.max;
		prev = a;
		if (avail < 256 * MiB)
			break;
	}
	CHECK(falls, "the age falls as available memory falls, always within the range");
	/* e^(-5 * 0.5): half the memory in use leaves 8.2%% of the range. */
	CHECK(maintain_age_for_memory(&r, 8 * GiB, 4 * GiB) == 120 + (uint64_t)((DAY - 120) * 0.0820849986),
	      "half the memory in use: %llu s", (unsigned long long)maintain_age_for_memory(&r, 8 * GiB, 4 * GiB));
	r.min = r.max = 3600;
	CHECK(maintain_age_for_memory(&r, 8 * GiB, 0) == 3600, "a fixed age stays fixed");
	CHECK(maintain_age_for_memory(&r, 0, 0) == 3600, "no MemTotal: the fixed age");

	/* Through a simulated day: the decision's age moves with memory. */
	{
		struct maintain_policy p;
		struct maintain_decision d;
		struct sim m;
		uint64_t plenty, tight;

		sim_init(&m);
		policy_writeback(&p);
		p.idle_age = (struct age_range){ 120, DAY };
		m.in.mem_available = 7 * GiB;
		sim_round(&m, &p, &d);
		plenty = d.idle_age;
		sim_run(&m, 3 * HOUR);
		m.in.mem_available = 512 * MiB;
		sim_round(&m, &p, &d);
		tight = d.idle_age;
		CHECK(plenty > 10 * tight, "idle age %llu s with 7 GiB free, %llu s with 512 MiB",
		      (unsigned long long)plenty, (unsigned long long)tight);
		maintain_policy_free(&p);
	}
}

static void test_backoff(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	struct sim m;

	sim_init(&m);
	policy_writeback(&p);
	p.interval = 600;
	p.backoff = 3600;
	p.round_min = 1 * MiB;
	m.idle_bytes = 0;
	CHECK(sim_round(&m, &p, &d) == 0 && d.writeback == SKIP_NONE, "an empty first round runs");
	sim_run(&m, 600);
	sim_round(&m, &p, &d);
	CHECK(d.writeback == SKIP_BACKOFF && d.next_writeback == m.clock.realtime + 3000,
	      "10 min after an empty round: backing off until an hour after it (%s)",
	      maintain_skip_name(d.writeback));
	CHECK(maintain_next_due(&p, &m.state) == m.clock.realtime + 3000,
	      "the daemon sleeps until then");
	sim_run(&m, 3000);
	m.idle_bytes = 10 * MiB;
	CHECK(sim_round(&m, &p, &d) == 10 * MiB, "an hour after it, the round runs and writes");
	sim_run(&m, 600);
	sim_round(&m, &p, &d);
	CHECK(d.writeback == SKIP_NONE, "after a round that wrote, the interval applies");

	/* Seen from the state file alone (status, stats): after an empty
	 * round the daemon does not write down the empty rounds that follow,
	 * which come every back-off; the next is the first of them ahead. */
	{
		struct maintain_state st = { .last_round = 10000, .last_written = 0 };

		CHECK(maintain_next_writeback_at(&p, &st, 12000) == 13600,
		      "seen from the file, before the back-off ends: its end");
		CHECK(maintain_next_writeback_at(&p, &st, 13600) == 17200 &&
		      maintain_next_writeback_at(&p, &st, 20000) == 20800,
		      "seen from the file, later: the next of the rounds every back-off");
		st.last_written = 4096;
		CHECK(maintain_next_writeback_at(&p, &st, 20000) == 10600,
		      "a round that wrote is always written down: its interval, even if past");
	}

	/* A clock set back before the last round does not stop the policy,
	 * and keeps the day's count: the day starts again from now. */
	{
		uint64_t written = m.state.day_written;

		m.clock.realtime -= 2 * DAY;
		sim_round(&m, &p, &d);
		CHECK(d.writeback == SKIP_NONE, "a clock set back makes the round due");
		CHECK(m.state.day_written == written && m.state.day_start == m.clock.realtime,
		      "a clock set back keeps the day's count (%llu of %llu) and moves its start",
		      (unsigned long long)m.state.day_written, (unsigned long long)written);
	}
	maintain_policy_free(&p);
}

/* Setting the clock back is no way to a fresh daily budget. */
static void test_clock_set_back_keeps_budget(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	uint64_t start, now;
	struct sim m;

	sim_init(&m);
	policy_writeback(&p);
	p.interval = 600;
	p.round_min = 1 * MiB;
	p.round_max = 64 * MiB;
	p.daily_limit = 100 * MiB;
	m.idle_bytes = 10 * GiB;
	for (int i = 0; i < 3; i++) {
		sim_round(&m, &p, &d);
		sim_run(&m, 600);
	}
	start = m.state.day_start;
	CHECK(m.state.day_written == 100 * MiB, "three rounds use up the 100 MiB budget");
	sim_round(&m, &p, &d);
	CHECK(d.writeback == SKIP_DAILY_LIMIT, "and the next is skipped (%s)",
	      maintain_skip_name(d.writeback));
	m.clock.realtime -= 3 * HOUR;
	CHECK(sim_round(&m, &p, &d) == 0 && d.writeback == SKIP_DAILY_LIMIT &&
	      m.state.day_written == 100 * MiB,
	      "3 h back on the clock: the budget stays used up (%s)", maintain_skip_name(d.writeback));
	now = m.clock.realtime;
	CHECK(m.state.day_start == now && now < start, "the day now starts at the earlier time");
	{
		uint64_t written, left;

		maintain_today(&m.state, &p, now, &written, &left);
		CHECK(written == 100 * MiB && left == 0, "status and stats see the day's count too");
		m.state.day_start = start; /* as a file saved before the step says */
		maintain_today(&m.state, &p, now, &written, &left);
		CHECK(written == 100 * MiB && left == 0,
		      "and before the saved day's start: still the day's count");
		m.state.day_start = now;
	}
	sim_run(&m, DAY - 600);
	sim_round(&m, &p, &d);
	CHECK(d.writeback == SKIP_DAILY_LIMIT, "a day after the step less 10 min: still used up");
	sim_run(&m, 600);
	CHECK(sim_round(&m, &p, &d) == 64 * MiB, "a day after the step: a new budget");
	maintain_policy_free(&p);
}

static void test_suspend_discounted(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	struct sim m;

	sim_init(&m);
	policy_writeback(&p);
	p.idle_age = (struct age_range){ HOUR, HOUR };
	sim_run(&m, 600);
	sim_round(&m, &p, &d);
	CHECK(d.idle_age_kernel == HOUR, "no suspend: the kernel's age is the age");
	/* Awake 10 min, asleep 8 h, awake 20 min: the 8 h are not idleness. */
	sim_run(&m, 600);
	sim_suspend(&m, 8 * HOUR);
	sim_run(&m, 1200);
	sim_round(&m, &p, &d);
	CHECK(d.idle_age == HOUR && d.idle_age_kernel == 9 * HOUR,
	      "8 h suspended within the hour: the kernel is asked for 9 h (%llu)",
	      (unsigned long long)d.idle_age_kernel);
	/* Two hours later, the suspend lies beyond the window. */
	sim_run(&m, 2 * HOUR);
	sim_round(&m, &p, &d);
	CHECK(d.idle_age_kernel == HOUR, "an old suspend no longer counts (%llu)",
	      (unsigned long long)d.idle_age_kernel);
	/* A reboot forgets the suspends of the last boot. */
	sim_suspend(&m, HOUR);
	sim_boot(&m, boot_b, m.clock.realtime + 60);
	sim_run(&m, 60);
	sim_round(&m, &p, &d);
	CHECK(m.state.nsuspends == 0 && d.idle_age_kernel == HOUR, "a new boot starts a new history");
	/* More suspends than the state keeps: the newest are kept. */
	for (int i = 0; i < 20; i++) {
		sim_run(&m, 60);
		sim_suspend(&m, 60);
		sim_round(&m, &p, &d);
	}
	CHECK(m.state.nsuspends == MAINTAIN_SUSPENDS && d.idle_age_kernel == HOUR + 8 * 60,
	      "the last %d suspends are kept and counted (%llu)", MAINTAIN_SUSPENDS,
	      (unsigned long long)d.idle_age_kernel);
	maintain_policy_free(&p);
}

static void test_missing_features(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	struct sim m;

	sim_init(&m);
	policy_writeback(&p);
	p.recompress_interval = 300;
	m.in.has_recompress = false;
	maintain_observe(&m.state, &m.clock);
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.recompress == SKIP_NO_RECOMPRESS && d.writeback == SKIP_NONE,
	      "no multi-compression: recompression skipped, writeback runs");
	m.in.has_idle_age = false;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_NONE, "no access times, huge among the modes: the round runs");
	p.modes[0] = RECLAIM_IDLE;
	p.nmodes = 1;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_NO_IDLE_AGE, "no access times, idle only: skipped (%s)",
	      maintain_skip_name(d.writeback));
	m.in.has_writeback = false;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_NO_WRITEBACK, "no writeback in the kernel");
	m.in.has_writeback = true;
	m.in.has_backing = false;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_NO_BACKING, "no backing device");
	p.nmodes = 0;
	p.recompress_interval = 0;
	maintain_decide(&p, &m.state, &m.in, &m.clock, &d);
	CHECK(d.writeback == SKIP_NO_POLICY && d.recompress == SKIP_NO_POLICY &&
	      !maintain_policy_any(&p) && maintain_next_due(&p, &m.state) == 0,
	      "no policy keys: nothing automatic");
	maintain_policy_free(&p);
}

static void test_recompress_interval(void)
{
	struct maintain_policy p;
	struct maintain_decision d;
	struct sim m;
	int runs = 0;

	sim_init(&m);
	maintain_policy_init(&p);
	p.recompress_interval = 300;
	m.in.has_recompress = true;
	/* A day of one-minute wakeups: one recompression every 5 min. */
	for (int i = 0; i < 24 * 60; i++) {
		sim_round(&m, &p, &d);
		runs += d.recompress == SKIP_NONE;
		sim_run(&m, 60);
	}
	CHECK(runs == 24 * 12, "288 recompressions in a day (got %d)", runs);
	CHECK(d.recompress_age >= p.recompress_age.min && d.recompress_age <= p.recompress_age.max,
	      "its age within 1-6 h (%llu)", (unsigned long long)d.recompress_age);
	maintain_policy_free(&p);
}

static void state_bad(const char *text, const char *why)
{
	struct maintain_state st;

	memset(&st, 0x5a, sizeof(st));
	CHECK(maintain_state_parse(text, strlen(text), &st) == -EINVAL &&
	      st.day_written == 0x5a5a5a5a5a5a5a5aULL, "refused, untouched: %s", why);
}

static void test_state_file(void)
{
	struct maintain_state st = { 0 }, back;
	char buf[MAINTAIN_STATE_MAX];
	int len;

	snprintf(st.boot_id, sizeof(st.boot_id), "%s", boot_a);
	st.day_start = 1764547200;
	st.day_written = 123456789;
	st.last_round = 1764550000;
	st.last_written = 4096;
	st.last_recompress = 0;
	st.suspend_base = 28801234;
	for (int i = 0; i < MAINTAIN_SUSPENDS; i++) {
		st.suspends[i].end = 1000 + (uint64_t)i;
		st.suspends[i].duration = UINT64_MAX - (uint64_t)i;
	}
	st.nsuspends = MAINTAIN_SUSPENDS;
	len = maintain_state_format(&st, buf, sizeof(buf));
	CHECK(len > 0 && maintain_state_parse(buf, (size_t)len, &back) == 0 &&
	      !memcmp(&st, &back, sizeof(st)), "a full state round-trips (%d bytes)", len);
	CHECK(maintain_state_format(&st, buf, 40) == -ENOSPC, "a short buffer is -ENOSPC");

	state_bad("", "empty");
	{
		static const char newer[] = "zswapctl-maintain 2\nday-budget 7\n";

		memset(&back, 0x5a, sizeof(back));
		CHECK(maintain_state_parse(newer, strlen(newer), &back) == -EPROTONOSUPPORT &&
		      back.day_written == 0x5a5a5a5a5a5a5a5aULL,
		      "a newer version: -EPROTONOSUPPORT (left alone, not corrupt), untouched");
	}
	state_bad("zswapctl-maintain 0\n", "an older version than any");
	state_bad("zswapctl-maintain 02\n", "a version with a leading zero");
	state_bad("zswapctl-maintain 2", "a newer version without its newline");
	state_bad("zswapctl-maintain 2x\n", "a version that is not a number");
	state_bad("zswapctl-maintain 1", "no newline after the version");
	state_bad("zswapctl-maintain 1\nday-start 5", "a last line cut off");
	state_bad("zswapctl-maintain 1\nday-start 5\nday-start 6\n", "a key twice");
	state_bad("zswapctl-maintain 1\nday-begin 5\n", "an unknown key");
	state_bad("zswapctl-maintain 1\nday-start 05\n", "a leading zero");
	state_bad("zswapctl-maintain 1\nday-start -5\n", "a sign");
	state_bad("zswapctl-maintain 1\nday-start 5 \n", "trailing space");
	state_bad("zswapctl-maintain 1\nday-start  5\n", "two spaces");
	state_bad("zswapctl-maintain 1\nday-start\n", "no value");
	state_bad("zswapctl-maintain 1\nday-start 18446744073709551616\n", "overflow");
	state_bad("zswapctl-maintain 1\nday-written 5\n", "a day's count without its day");
	state_bad("zswapctl-maintain 1\nboot-id 0F6D1C2E-1111-4a5b-8c9d-0123456789ab\n",
		  "an upper-case boot id");
	state_bad("zswapctl-maintain 1\nboot-id 0f6d1c2e-1111-4a5b-8c9d-0123456789a\n",
		  "a short boot id");
	state_bad("zswapctl-maintain 1\nsuspend 5 5\n", "a suspend without a boot");
	state_bad("zswapctl-maintain 1\nboot-id 0f6d1c2e-1111-4a5b-8c9d-0123456789ab\n"
		  "suspend 9 1\nsuspend 5 1\n", "suspends out of order");
	state_bad("zswapctl-maintain 1\nboot-id 0f6d1c2e-1111-4a5b-8c9d-0123456789ab\n"
		  "suspend 9\n", "a suspend without its duration");
	{
		char many[MAINTAIN_STATE_MAX + 64] = "zswapctl-maintain 1\nboot-id "
						     "0f6d1c2e-1111-4a5b-8c9d-0123456789ab\n";

		for (int i = 0; i <= MAINTAIN_SUSPENDS; i++)
			strcat(many, "suspend 1 1\n");
		state_bad(many, "more suspends than kept");
	}
	{
		/* Valid up to the NUL, a valid line after it: only a parser
		 * that reads the whole length given refuses it. */
		static const char nul[] = "zswapctl-maintain 1\n\0day-start 5\n";
		static const char without[] = "zswapctl-maintain 1\nday-start 5\n";
		struct maintain_state s2;

		CHECK(maintain_state_parse(nul, strlen(nul), &s2) == 0,
		      "the text before the NUL alone is valid");
		CHECK(maintain_state_parse(without, sizeof(without) - 1, &s2) == 0 &&
			      s2.day_start == 5,
		      "and so is the text with the NUL taken out");
		CHECK(maintain_state_parse(nul, sizeof(nul) - 1, &s2) == -EINVAL,
		      "a NUL inside is refused");
	}
	CHECK(maintain_state_parse("zswapctl-maintain 1\n", 20, &back) == 0 && back.day_start == 0,
	      "the version line alone is a fresh state");
}

int main(void)
{
	test_budgets_over_days();
	test_daily_budget_survives_reboot();
	test_round_share_and_minimum();
	test_ages_follow_memory();
	test_backoff();
	test_clock_set_back_keeps_budget();
	test_suspend_discounted();
	test_missing_features();
	test_recompress_interval();
	test_state_file();
	return tap_finish();
}
