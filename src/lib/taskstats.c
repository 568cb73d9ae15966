// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's per-task delay accounting (taskstats over generic netlink,
 * read with libnl-genl-3): swap-in count and total swap-in delay. The
 * numbers move only while kernel.task_delayacct is 1.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

#ifdef HAVE_LIBNL
#include <linux/taskstats.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

struct zswapctl_taskstats {
	int refcount;
	struct zswapctl_ctx *ctx;
	struct nl_sock *sk;
	int family;
};

/* libnl's own error codes back to errno. */
static int nlerr(int e)
{
	switch (e < 0 ? -e : e) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_OBJ_NOTFOUND:
		return -ESRCH;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_OPNOTSUPP:
	case NLE_PROTO_MISMATCH:
		return -ENOTSUP;
	default:
		return -EIO;
	}
}

ZSWAPCTL_EXPORT int zswapctl_taskstats_new(struct zswapctl_ctx *ctx,
					   struct zswapctl_taskstats **out)
{
	struct zswapctl_taskstats *ts = calloc(1, sizeof(*ts));
	int r;

	if (!ts)
		return -ENOMEM;
	ts->refcount = 1;
	ts->sk = nl_socket_alloc();
	if (!ts->sk) {
		free(ts);
		return -ENOMEM;
	}
	r = genl_connect(ts->sk);
	if (r < 0) {
		r = nlerr(r);
		goto fail;
	}
	/* One reply per request; an error comes back as one NLMSG_ERROR. An
	 * ACK on top would be left in the socket for the next request. */
	nl_socket_disable_auto_ack(ts->sk);
	ts->family = genl_ctrl_resolve(ts->sk, TASKSTATS_GENL_NAME);
	if (ts->family < 0) {
		/* No such family: a kernel without CONFIG_TASKSTATS. */
		r = ts->family == -NLE_OBJ_NOTFOUND ? -ENOTSUP : nlerr(ts->family);
		goto fail;
	}
	ts->ctx = zswapctl_ctx_ref(ctx);
	*out = ts;
	return 0;
fail:
	nl_socket_free(ts->sk);
	free(ts);
	return r;
}

ZSWAPCTL_EXPORT struct zswapctl_taskstats *
zswapctl_taskstats_ref(struct zswapctl_taskstats *ts)
{
	if (ts)
		ts->refcount++;
	return ts;
}

ZSWAPCTL_EXPORT struct zswapctl_taskstats *
zswapctl_taskstats_unref(struct zswapctl_taskstats *ts)
{
	if (!ts || --ts->refcount > 0)
		return NULL;
	nl_socket_free(ts->sk);
	zswapctl_ctx_unref(ts->ctx);
	free(ts);
	return NULL;
}

struct reply {
	bool found;
	uint64_t count, delay;
};

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct reply *rep = arg;
	struct nlattr *attrs[TASKSTATS_TYPE_MAX + 1];
	struct nlattr *inner[TASKSTATS_TYPE_MAX + 1];
	struct nlattr *aggr;
	struct taskstats st;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, attrs, TASKSTATS_TYPE_MAX, NULL) < 0)
		return NL_SKIP;
	aggr = attrs[TASKSTATS_TYPE_AGGR_PID] ? attrs[TASKSTATS_TYPE_AGGR_PID] :
						 attrs[TASKSTATS_TYPE_AGGR_TGID];
	if (!aggr || nla_parse_nested(inner, TASKSTATS_TYPE_MAX, aggr, NULL) < 0 ||
	    !inner[TASKSTATS_TYPE_STATS])
		return NL_SKIP;
	/* Kernels and headers differ in the struct's length; the swap-in
	 * fields are in version 1. */
	memset(&st, 0, sizeof(st));
	memcpy(&st, nla_data(inner[TASKSTATS_TYPE_STATS]),
	       (size_t)nla_len(inner[TASKSTATS_TYPE_STATS]) < sizeof(st) ?
		       (size_t)nla_len(inner[TASKSTATS_TYPE_STATS]) :
		       sizeof(st));
	rep->found = true;
	rep->count = st.swapin_count;
	rep->delay = st.swapin_delay_total;
	return NL_OK;
}

ZSWAPCTL_EXPORT int zswapctl_taskstats_swapin(struct zswapctl_taskstats *ts,
					      int pid, bool whole_process,
					      uint64_t *count,
					      uint64_t *delay_ns)
{
	struct reply rep = { 0 };
	struct nl_msg *msg;
	int r;

	if (pid <= 0)
		return -EINVAL;
	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ts->family, 0, 0,
			 TASKSTATS_CMD_GET, TASKSTATS_VERSION) ||
	    nla_put_u32(msg, whole_process ? TASKSTATS_CMD_ATTR_TGID :
					     TASKSTATS_CMD_ATTR_PID,
			(uint32_t)pid) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	r = nl_send_auto(ts->sk, msg);
	nlmsg_free(msg);
	if (r < 0)
		return nlerr(r);
	nl_socket_modify_cb(ts->sk, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &rep);
	r = nl_recvmsgs_default(ts->sk);
	if (r < 0) {
		dbg(ts->ctx, "taskstats pid %d: %s", pid, nl_geterror(r));
		return nlerr(r);
	}
	if (!rep.found)
		return -EIO;
	*count = rep.count;
	*delay_ns = rep.delay;
	return 0;
}

#else /* !HAVE_LIBNL */

ZSWAPCTL_EXPORT int zswapctl_taskstats_new(struct zswapctl_ctx *ctx,
					   struct zswapctl_taskstats **out)
{
	return -ENOSYS;
}

ZSWAPCTL_EXPORT struct zswapctl_taskstats *
zswapctl_taskstats_ref(struct zswapctl_taskstats *ts)
{
	return ts;
}

ZSWAPCTL_EXPORT struct zswapctl_taskstats *
zswapctl_taskstats_unref(struct zswapctl_taskstats *ts)
{
	return NULL;
}

ZSWAPCTL_EXPORT int zswapctl_taskstats_swapin(struct zswapctl_taskstats *ts,
					      int pid, bool whole_process,
					      uint64_t *count,
					      uint64_t *delay_ns)
{
	return -ENOSYS;
}
#endif
