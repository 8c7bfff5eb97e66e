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

/*
 * Oniguruma opened and set up for UTF-8, once, before the first pattern
 * is made: -1 with *cause (allocated) if it cannot be opened, so that
 * the caller says so instead of tterm ending.
 */
int
oniglib_start(char **cause)
{
	static int	 ready;
	OnigEncoding	 encs[1];

	if (ready)
		return (0);
	if (dynlib_load(&oniglib_lib, cause) != 0)
		return (-1);
	encs[0] = oniglib.OnigEncodingUTF8;
	oniglib.onig_initialize(encs, 1);
	ready = 1;
	return (0);
}
