/*
 * onig-lib.c: Oniguruma's table (onig-lib.h), filled when the first
 * regular expression opens the library.
 */
#include "config.h"

#include "tterm.h"
#define ONIGLIB_TABLE
#include "onig-lib.h"

#define ONIGLIB_ENTRY(f) DYNLIB_ENTRY(oniglib, f)
struct oniglib			oniglib;
static const struct dynlib_sym	oniglib_syms[] = {
	ONIGLIB_SYMS(ONIGLIB_ENTRY)
	{ NULL, NULL }
};
struct dynlib			oniglib_lib = { TTERM_LIBONIG, oniglib_syms,
				    NULL, NULL };
