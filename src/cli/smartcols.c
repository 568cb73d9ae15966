// SPDX-License-Identifier: GPL-2.0-or-later
/* libsmartcols, loaded for table output (smartcols.h). */
#include <errno.h>

#include "cli.h"
#include "dlopen.h"
#include "smartcols.h"

struct smartcols smartcols;

static const struct dl_symbol smartcols_symbols[] = {
	DL_SYMBOL(smartcols, scols_new_table),
	DL_SYMBOL(smartcols, scols_unref_table),
	DL_SYMBOL(smartcols, scols_table_enable_raw),
	DL_SYMBOL(smartcols, scols_table_enable_json),
	DL_SYMBOL(smartcols, scols_table_enable_noheadings),
	DL_SYMBOL(smartcols, scols_table_set_name),
	DL_SYMBOL(smartcols, scols_table_new_column),
	DL_SYMBOL(smartcols, scols_column_set_json_type),
	DL_SYMBOL(smartcols, scols_table_new_line),
	DL_SYMBOL(smartcols, scols_line_set_data),
	DL_SYMBOL(smartcols, scols_print_table),
	DL_SYMBOL_END,
};

int smartcols_open(const char *command)
{
	int r = dl_open(DL_LIBSMARTCOLS, smartcols_symbols);

	if (r < 0)
		cli_error("%s: %s", command, dl_missing(DL_LIBSMARTCOLS));
	return r;
}
