// Functions for what Swift cannot reach in libmdb (mdbtools): GLib's pointer-array macro, the page buffer
// a fetched row's values sit in, and GLib's free. Nothing here holds state.
#ifndef COULOMB_CMDB_SHIM_H
#define COULOMB_CMDB_SHIM_H

#include <mdbtools.h>

/// Opens a database held in memory, read-only: libmdb never sees the file, so it cannot lock or change it.
static inline MdbHandle *coulomb_mdb_open_buffer(void *bytes, size_t count) {
    return mdb_open_buffer(bytes, count, MDB_NOFLAGS);
}

/// The table `name` (a user table) with its columns read, or NULL.
static inline MdbTableDef *coulomb_mdb_table(MdbHandle *mdb, const char *name) {
    if (!mdb->catalog && !mdb_read_catalog(mdb, MDB_TABLE)) return NULL;
    MdbTableDef *table = mdb_read_table_by_name(mdb, (gchar *)name, MDB_TABLE);
    if (!table) return NULL;
    if (!mdb_read_columns(table)) {
        mdb_free_tabledef(table);
        return NULL;
    }
    mdb_rewind_table(table);
    return table;
}

/// Column `index` (from 0) of a table.
static inline MdbColumn *coulomb_mdb_column(MdbTableDef *table, unsigned int index) {
    return index < table->num_cols ? (MdbColumn *)g_ptr_array_index(table->columns, index) : NULL;
}

/// The bytes of a column's value in the row last fetched: NULL (length 0) when it is null.
static inline const unsigned char *coulomb_mdb_value(MdbTableDef *table, MdbColumn *column, int *length) {
    MdbHandle *mdb = table->entry->mdb;
    int start = column->cur_value_start, count = column->cur_value_len;
    if (count <= 0 || start < 0 || start + count > MDB_PGSIZE) {
        *length = 0;
        return NULL;
    }
    *length = count;
    return mdb->pg_buf + start;
}

/// A text column's value in the row last fetched, as UTF-8, or NULL; free it with coulomb_mdb_free.
static inline char *coulomb_mdb_text(MdbTableDef *table, MdbColumn *column) {
    MdbHandle *mdb = table->entry->mdb;
    if (column->cur_value_len <= 0) return NULL;
    return mdb_col_to_string(mdb, mdb->pg_buf, column->cur_value_start, column->col_type, column->cur_value_len);
}

static inline void coulomb_mdb_free(void *pointer) { g_free(pointer); }

#endif
