/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libsmartcols, for the tables of status and stats: loaded when a table is
 * printed (dlopen.h), so that stats --json, --version and the other
 * commands do not load and relocate it. Calls go through this table.
 */
#ifndef ZSWAPCTL_SMARTCOLS_H
#define ZSWAPCTL_SMARTCOLS_H

#include <libsmartcols.h>

struct smartcols {
	typeof(scols_new_table) *scols_new_table;
	typeof(scols_unref_table) *scols_unref_table;
	typeof(scols_table_enable_raw) *scols_table_enable_raw;
	typeof(scols_table_enable_json) *scols_table_enable_json;
	typeof(scols_table_enable_noheadings) *scols_table_enable_noheadings;
	typeof(scols_table_set_name) *scols_table_set_name;
	typeof(scols_table_new_column) *scols_table_new_column;
	typeof(scols_column_set_json_type) *scols_column_set_json_type;
	typeof(scols_table_new_line) *scols_table_new_line;
	typeof(scols_line_set_data) *scols_line_set_data;
	typeof(scols_print_table) *scols_print_table;
};

extern struct smartcols smartcols;

/* Load libsmartcols: 0, or -ENOPKG after an error that names it. */
int smartcols_open(const char *command);

#endif
