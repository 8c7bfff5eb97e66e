/*
 * source.c: what the loop waits on besides the keyboard and the tabs. A
 * subsystem (the SSH connections with their tunnels and forwarding)
 * registers a source: how many fds it may watch, those fds, a deadline,
 * and a function to run after each wait. The loop knows the sources by
 * this table only, not by name.
 */
#include "config.h"

#include "tterm.h"

#define SOURCE_MAX	8

static const struct source *source_list[SOURCE_MAX];
static u_int	 source_n;

/* Add s (once: adding it again does nothing). */
void
source_add(const struct source *s)
{
	u_int	i;

	for (i = 0; i < source_n; i++) {
		if (source_list[i] == s)
			return;
	}
	if (source_n == SOURCE_MAX)
		fatal("%s: too many sources (%s)", __func__, s->name);
	source_list[source_n++] = s;
}

/* How many fds the sources may add at most. */
u_int
source_count(void)
{
	u_int	i, n = 0;

	for (i = 0; i < source_n; i++)
		n += source_list[i]->count();
	return (n);
}

/* Add the sources' fds to pfd (at most max); returns how many. */
int
source_pollfds(struct pollfd *pfd, int max)
{
	u_int	i;
	int	n = 0;

	for (i = 0; i < source_n && n < max; i++)
		n += source_list[i]->pollfds(pfd + n, max - n);
	return (n);
}

/* Seconds until the first source must run anyway, or -1. */
double
source_deadline(void)
{
	double	t = -1, w;
	u_int	i;

	for (i = 0; i < source_n; i++) {
		w = source_list[i]->deadline();
		if (w >= 0 && (t < 0 || w < t))
			t = w;
	}
	return (t);
}

/* After a wait: let every source look at its fds and timers. */
void
source_service(void)
{
	u_int	i;

	for (i = 0; i < source_n; i++)
		source_list[i]->service();
}
