/*
 * clock.c: the one monotonic clock of tterm, in seconds. Deadlines,
 * timeouts and frame pacing all read it, so they agree.
 */
#include "config.h"

#include <time.h>

#include "tterm.h"

double
clock_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}
