/*
 * unit.h: a tiny harness. Each test is a function; RUN() prints PASS or
 * FAIL with its name, which tests/run.sh counts.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_fail, unit_failed, unit_passed;

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #c);					\
		unit_fail = 1;						\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *unit_a = (a), *unit_b = (b);			\
	if (unit_a == NULL || unit_b == NULL) {				\
		fprintf(stderr, "%s:%d: NULL string\n", __FILE__,	\
		    __LINE__);						\
		unit_fail = 1;						\
	} else if (strcmp(unit_a, unit_b) != 0) {			\
		fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__,	\
		    __LINE__, unit_a, unit_b);				\
		unit_fail = 1;						\
	}								\
} while (0)

#define RUN(fn) do {							\
	unit_fail = 0;							\
	fn();								\
	printf("%s: %s\n", unit_fail ? "FAIL" : "PASS", #fn);		\
	if (unit_fail)							\
		unit_failed++;						\
	else								\
		unit_passed++;						\
	fflush(stdout);							\
} while (0)

#define UNIT_EXIT() return (unit_failed != 0)

#endif
