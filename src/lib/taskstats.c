// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's per-task delay accounting (taskstats over generic netlink,
 * read with libnl-genl-3): swap-in count and total swap-in delay. The
 * numbers move only while kernel.task_delayacct is 1.
 *
 * Only `stats --pid` and bench ask, so libnl is loaded then (dlopen.h);
 * its headers give the types of the symbols resolved below.
 */
#include <errno.h>
#include <linux/taskstats.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <string.h>

#include "dlopen.h"
#include "private.h"

static struct {
	typeof(nl_socket_alloc) *nl_socket_alloc;
	typeof(nl_socket_free) *nl_socket_free;
	typeof(nl_socket_disable_auto_ack) *nl_socket_disable_auto_ack;
	typeof(nl_socket_modify_cb) *nl_socket_modify_cb;
	typeof(nl_send_auto) *nl_send_auto;
	typeof(nl_recvmsgs_default) *nl_recvmsgs_default;
	typeof(nl_geterror) *nl_geterror;
	typeof(nlmsg_alloc) *nlmsg_alloc;
	typeof(nlmsg_free) *nlmsg_free;
	typeof(nlmsg_hdr) *nlmsg_hdr;
	typeof(nla_data) *nla_data;
	typeof(nla_len) *nla_len;
	typeof(nla_parse_nested) *nla_parse_nested;
	typeof(nla_put_u32) *nla_put_u32;
	typeof(genl_connect) *genl_connect;
	typeof(genl_ctrl_resolve) *genl_ctrl_resolve;
	typeof(genlmsg_parse) *genlmsg_parse;
	typeof(genlmsg_put) *genlmsg_put;
} nl;

static const struct dl_symbol nl_symbols[] = {
	DL_SYMBOL(nl, nl_socket_alloc),
	DL_SYMBOL(nl, nl_socket_free),
	DL_SYMBOL(nl, nl_socket_disable_auto_ack),
	DL_SYMBOL(nl, nl_socket_modify_cb),
	DL_SYMBOL(nl, nl_send_auto),
	DL_SYMBOL(nl, nl_recvmsgs_default),
	DL_SYMBOL(nl, nl_geterror),
	DL_SYMBOL(nl, nlmsg_alloc),
	DL_SYMBOL(nl, nlmsg_free),
	DL_SYMBOL(nl, nlmsg_hdr),
	DL_SYMBOL(nl, nla_data),
	DL_SYMBOL(nl, nla_len),
	DL_SYMBOL(nl, nla_parse_nested),
	DL_SYMBOL(nl, nla_put_u32),
	DL_SYMBOL(nl, genl_connect),
	DL_SYMBOL(nl, genl_ctrl_resolve),
	DL_SYMBOL(nl, genlmsg_parse),
	DL_SYMBOL(nl, genlmsg_put),
	DL_SYMBOL_END,
};

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
	struct zswapctl_taskstats *ts;
	int r;

	r = dl_open(DL_LIBNL_GENL, nl_symbols);
	if (r < 0) {
		err(ctx, "%s", dl_missing(DL_LIBNL_GENL));
		return r;
	}
	ts = calloc(1, sizeof(*ts));
	if (!ts)
		return -ENOMEM;
	ts->refcount = 1;
	ts->sk = nl.nl_socket_alloc();
	if (!ts->sk) {
		free(ts);
		return -ENOMEM;
	}
	r = nl.genl_connect(ts->sk);
	if (r < 0) {
		r = nlerr(r);
		goto fail;
	}
	/* One reply per request; an error comes back as one NLMSG_ERROR. An
	 * ACK on top would be left in the socket for the next request. */
	nl.nl_socket_disable_auto_ack(ts->sk);
	ts->family = nl.genl_ctrl_resolve(ts->sk, TASKSTATS_GENL_NAME);
	if (ts->family < 0) {
		/* No such family: a kernel without CONFIG_TASKSTATS. */
		r = ts->family == -NLE_OBJ_NOTFOUND ? -ENOTSUP : nlerr(ts->family);
		goto fail;
	}
	ts->ctx = zswapctl_ctx_ref(ctx);
	*out = ts;
	return 0;
fail:
	nl.nl_socket_free(ts->sk);
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
	nl.nl_socket_free(ts->sk);
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

	if (nl.genlmsg_parse(nl.nlmsg_hdr(msg), 0, attrs, TASKSTATS_TYPE_MAX, NULL) < 0)
		return NL_SKIP;
	aggr = attrs[TASKSTATS_TYPE_AGGR_PID] ? attrs[TASKSTATS_TYPE_AGGR_PID] :
						 attrs[TASKSTATS_TYPE_AGGR_TGID];
	if (!aggr || nl.nla_parse_nested(inner, TASKSTATS_TYPE_MAX, aggr, NULL) < 0 ||
	    !inner[TASKSTATS_TYPE_STATS])
		return NL_SKIP;
	/* Kernels and headers differ in the struct's length; the swap-in
	 * fields are in version 1. */
	memset(&st, 0, sizeof(st));
	memcpy(&st, nl.nla_data(inner[TASKSTATS_TYPE_STATS]),
	       (size_t)nl.nla_len(inner[TASKSTATS_TYPE_STATS]) < sizeof(st) ?
		       (size_t)nl.nla_len(inner[TASKSTATS_TYPE_STATS]) :
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
	msg = nl.nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!nl.genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ts->family, 0, 0,
			 TASKSTATS_CMD_GET, TASKSTATS_VERSION) ||
	    nl.nla_put_u32(msg, whole_process ? TASKSTATS_CMD_ATTR_TGID :
					     TASKSTATS_CMD_ATTR_PID,
			(uint32_t)pid) < 0) {
		nl.nlmsg_free(msg);
		return -ENOMEM;
	}
	r = nl.nl_send_auto(ts->sk, msg);
	nl.nlmsg_free(msg);
	if (r < 0)
		return nlerr(r);
	nl.nl_socket_modify_cb(ts->sk, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &rep);
	r = nl.nl_recvmsgs_default(ts->sk);
	if (r < 0) {
		dbg(ts->ctx, "taskstats pid %d: %s", pid, nl.nl_geterror(r));
		return nlerr(r);
	}
	if (!rep.found)
		return -EIO;
	*count = rep.count;
	*delay_ns = rep.delay;
	return 0;
}
