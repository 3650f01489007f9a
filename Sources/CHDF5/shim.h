// Functions for the HDF5 macros Swift cannot import (casts, H5OPEN, *_g globals), and for the calls whose
// names changed between 1.10 and 1.12. Nothing here holds state.
#ifndef COULOMB_CHDF5_SHIM_H
#define COULOMB_CHDF5_SHIM_H

#include <hdf5.h>
#include <string.h>
#include <zlib.h>

static inline hid_t coulomb_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t coulomb_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t coulomb_H5E_DEFAULT(void) { return H5E_DEFAULT; }
static inline hsize_t coulomb_H5S_UNLIMITED(void) { return H5S_UNLIMITED; }
static inline size_t coulomb_H5T_VARIABLE(void) { return H5T_VARIABLE; }

static inline unsigned coulomb_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned coulomb_H5F_ACC_EXCL(void) { return H5F_ACC_EXCL; }

static inline hid_t coulomb_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }
static inline hid_t coulomb_H5P_FILE_ACCESS(void) { return H5P_FILE_ACCESS; }
static inline hid_t coulomb_H5P_FILE_CREATE(void) { return H5P_FILE_CREATE; }
static inline hid_t coulomb_H5P_GROUP_CREATE(void) { return H5P_GROUP_CREATE; }

static inline hid_t coulomb_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t coulomb_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t coulomb_H5T_IEEE_F64LE(void) { return H5T_IEEE_F64LE; }
static inline hid_t coulomb_H5T_STD_I64LE(void) { return H5T_STD_I64LE; }
static inline hid_t coulomb_H5T_C_S1(void) { return H5T_C_S1; }

static inline hid_t coulomb_H5T_NATIVE_UINT8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t coulomb_H5T_STD_REF_OBJ(void) { return H5T_STD_REF_OBJ; }

/// Opens the object an object reference (as MATLAB v7.3 files store them) points to. 1.12 renamed the
/// old-style reference type H5R_OBJECT1 and kept H5Rdereference2 for it.
static inline hid_t coulomb_dereference_object(hid_t file, const hobj_ref_t *reference) {
#if H5_VERSION_GE(1, 12, 0)
    return H5Rdereference2(file, H5P_DEFAULT, H5R_OBJECT1, reference);
#else
    return H5Rdereference2(file, H5P_DEFAULT, H5R_OBJECT, reference);
#endif
}

/// The address libhdf5 returns for storage that was never allocated.
static inline haddr_t coulomb_HADDR_UNDEF(void) { return HADDR_UNDEF; }

/// Whether `name` is an HDF5 file: positive yes, zero no, negative when it cannot be read.
static inline htri_t coulomb_is_hdf5(const char *name) {
#if H5_VERSION_GE(1, 12, 0)
    return H5Fis_accessible(name, H5P_DEFAULT);
#else
    return H5Fis_hdf5(name);
#endif
}

/// Frees the memory libhdf5 allocated for variable-length data read into `buf`.
static inline herr_t coulomb_vlen_reclaim(hid_t type, hid_t space, void *buf) {
#if H5_VERSION_GE(1, 12, 0)
    return H5Treclaim(type, space, H5P_DEFAULT, buf);
#else
    return H5Dvlen_reclaim(type, space, H5P_DEFAULT, buf);
#endif
}

/// Silences libhdf5's automatic error printing for the calling thread (the setting is per thread).
static inline void coulomb_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/// Callback that appends each error-stack entry's description to a caller-owned buffer, innermost first.
static inline herr_t coulomb_collect_error(unsigned n, const H5E_error2_t *err, void *client) {
    (void)n;
    char *buffer = (char *)client;
    size_t used = strlen(buffer);
    const char *desc = err->desc ? err->desc : "";
    if (used + strlen(desc) + 3 >= 1024) return 0;
    if (used > 0) strcat(buffer, "; ");
    strcat(buffer, desc);
    return 0;
}

/// Copies the current thread's error stack into `buffer` (1024 bytes) and clears it.
static inline void coulomb_take_error_stack(char *buffer) {
    buffer[0] = '\0';
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, coulomb_collect_error, buffer);
    H5Eclear2(H5E_DEFAULT);
}

#endif
