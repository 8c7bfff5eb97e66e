/*
 * onig-lib.h: Oniguruma as the search, TTL and AnswerCommand's patterns
 * call it, opened when the first regular expression is made (dynlib.c)
 * rather than linked. Include it after tterm.h in place of <oniguruma.h>
 * (ONIG_ESCAPE_REGEX_T_COLLISION first, where regex_t must stay POSIX's);
 * ssh-lib.h says how the names work.
 */
#ifndef ONIG_LIB_H
#define ONIG_LIB_H

#include <oniguruma.h>

#define ONIGLIB_SYMS(X) \
	X(OnigEncodingUTF8) \
	X(OnigSyntaxRuby) \
	X(onig_error_code_to_str) \
	X(onig_free) \
	X(onig_initialize) \
	X(onig_new) \
	X(onig_region_free) \
	X(onig_region_new) \
	X(onig_search)

struct oniglib {
	ONIGLIB_SYMS(DYNLIB_MEMBER)
};
extern struct oniglib	oniglib;
extern struct dynlib	oniglib_lib;

#define ONIGLIB(f)	DYNLIB_GET(oniglib_lib, oniglib, f)

int	oniglib_start(char **);

/* onig-lib.c makes the table from the names: not these macros. */
#ifndef ONIGLIB_TABLE
#define OnigEncodingUTF8	(*ONIGLIB(OnigEncodingUTF8))
#define OnigSyntaxRuby		(*ONIGLIB(OnigSyntaxRuby))
#define onig_error_code_to_str	(*ONIGLIB(onig_error_code_to_str))
#define onig_free		(*ONIGLIB(onig_free))
#define onig_initialize		(*ONIGLIB(onig_initialize))
#define onig_new		(*ONIGLIB(onig_new))
#define onig_region_free	(*ONIGLIB(onig_region_free))
#define onig_region_new		(*ONIGLIB(onig_region_new))
#define onig_search		(*ONIGLIB(onig_search))
#endif

#endif
