// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The heap a short command is about to fill, faulted in at once.
 *
 * `stats --json` builds its document in some 30 KiB of heap, a page
 * fault for each new page. In a virtual machine each of those is a trip
 * through the hypervisor (about 10 us on this project's machines, against
 * 4 us a page for the same pages populated by one madvise(2): see
 * tests/bench/README.md), and a scraper runs the command every few
 * seconds. MADV_POPULATE_WRITE (Linux 5.14) makes them present in one
 * system call; on an older kernel, or where the range is refused, nothing
 * happens and the pages fault in one by one as before.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* x86-64's page. Not sysconf(): its code is one more page of libc to
 * fault in. On a kernel with larger pages madvise() refuses the start and
 * nothing is populated, which is only slower. */
#define PAGE 4096u

void cli_prefault_heap(size_t bytes)
{
	/* Where the next allocations go: malloc() takes from the top of the
	 * heap once its free lists are empty, as they are early in a run. */
	void *probe = malloc(1);
	uintptr_t start, end, heap_end = (uintptr_t)sbrk(0);

	if (!probe)
		return;
	start = (uintptr_t)probe & ~(uintptr_t)(PAGE - 1);
	end = start + bytes;
	/* Within the heap's mapping only (a probe from mmap() is not in it). */
	if (start < heap_end && end > heap_end)
		end = heap_end & ~(uintptr_t)(PAGE - 1);
	if (start < heap_end && end > start)
		madvise((void *)start, end - start, MADV_POPULATE_WRITE);
	free(probe);
}
