/*
 * fuzz.h: what the libFuzzer targets share: the entry point's prototype, a
 * reader that takes parameters and chunks off the front of the input, and
 * a check that aborts (so libFuzzer keeps the input) when an invariant
 * breaks.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_CHECK(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

/*
 * For the checks of invariants: no coverage feedback from them (their
 * branches say nothing about the input, and the calls libFuzzer adds to
 * every comparison made them most of a run's time). Not inlined: the
 * coverage pass runs after inlining and would instrument them in their
 * caller, the attribute lost.
 */
#if defined(__clang__)
#define FUZZ_NOCOV __attribute__((no_sanitize("coverage"), noinline))
#else
#define FUZZ_NOCOV
#endif

struct fuzz_in {
	const uint8_t	*p;
	size_t		 left;
};

/* The next byte, 0 once the input is used up. */
static inline u_int
fuzz_byte(struct fuzz_in *in)
{
	if (in->left == 0)
		return (0);
	in->left--;
	return (*in->p++);
}

/* Up to want bytes; *got says how many there were. */
static inline const char *
fuzz_take(struct fuzz_in *in, size_t want, size_t *got)
{
	const char	*p = (const char *)in->p;

	*got = want < in->left ? want : in->left;
	in->p += *got;
	in->left -= *got;
	return (p);
}

/* A NUL-terminated copy of the input (which may hold NULs of its own). */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return (s);
}

#endif
