// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Standard output: documents written whole, and what failed said at exit.
 *
 * A JSON document is written with writev(2) straight from json-c's buffer,
 * not through stdio: stdio would first allocate a buffer of its own to
 * copy it into, a heap page that `stats --json` and `status --json`, run
 * by scrapers every few seconds, would pay a page fault for on every run.
 * What stdio holds is flushed first, so the order of output is kept, and
 * a failed write is remembered for cli_stdout_error() and
 * cli_close_stdout() as ferror() would be.
 */
#include <errno.h>
#include <stdio_ext.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "cli.h"

/* The errno of the first failed cli_write_line(), 0 when none failed. */
static int direct_error;

int cli_write_line(const char *text, size_t len)
{
	struct iovec v[2] = { { (void *)text, len }, { (void *)"\n", 1 } };
	struct iovec *next = v;
	int left = 2;

	if (fflush(stdout) != 0)
		return EOF;
	while (left > 0) {
		ssize_t n = writev(STDOUT_FILENO, next, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (!direct_error)
				direct_error = errno;
			return EOF;
		}
		/* A short write (a full pipe after a signal): go on after it. */
		for (; left > 0 && (size_t)n >= next->iov_len; left--, next++)
			n -= (ssize_t)next->iov_len;
		if (left > 0) {
			next->iov_base = (char *)next->iov_base + n;
			next->iov_len -= (size_t)n;
		}
	}
	return 0;
}

int cli_stdout_error(void)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return errno ? -errno : -EIO;
	return direct_error ? -direct_error : 0;
}

void cli_stdout_clear_error(void)
{
	clearerr(stdout);
	direct_error = 0;
}

int cli_close_stdout(int rc)
{
	bool pending = __fpending(stdout) != 0;
	bool failed = ferror(stdout) != 0;
	int err;

	errno = 0;
	if (fclose(stdout) != 0 && (pending || errno != EBADF))
		failed = true;
	else
		errno = 0; /* an earlier failure: its errno is gone */
	err = errno;
	if (direct_error && !failed) {
		failed = true;
		err = direct_error;
	}
	if (!failed)
		return rc;
	/* A reader that went away (zswapctl stats -i | head) is no news. */
	if (err == EPIPE)
		return rc;
	if (err)
		cli_error("write error on standard output: %s", strerror(err));
	else
		cli_error("write error on standard output");
	return EXIT_FAILED;
}
